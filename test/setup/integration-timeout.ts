// App boot (Nest, engine, catalogue) in beforeAll can take over a minute on a loaded 2-core machine.
jest.setTimeout(120_000);
