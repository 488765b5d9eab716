/**
 * node pg-clone.js <url> <template> <database> <templateSchema> <schema>
 *
 * Run synchronously by test/setup/pg-template.ts (cloneTemplate): creates <database> as a copy of
 * the migrated <template> and renames the template's schema to <schema>. Exit status 3: there is
 * no such template.
 */
const { Client } = require('pg');

async function main([url, template, database, templateSchema, schema]) {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (!found.rowCount) return 3;
    await admin.query(`create database "${database}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  const copy = new Client({ connectionString: target.toString() });
  await copy.connect();
  try {
    await copy.query(`alter schema "${templateSchema}" rename to "${schema}"`);
  } finally {
    await copy.end();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
