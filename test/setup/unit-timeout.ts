// Unit specs that render PDFs or create key pairs pass 5 s (jest's default) on a loaded 2-core machine.
jest.setTimeout(60_000);
