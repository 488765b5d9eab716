/**
 * Refuses to run against any PostgreSQL database whose name lacks "test": integration tests
 * create and drop schemas freely.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name)) {
    throw new Error(`DATABASE_URL points at database "${name}", whose name lacks "test": refusing to run tests on it`);
  }
}
