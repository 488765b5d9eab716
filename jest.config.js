/** Three tiers: unit specs beside the code, integration on a real database, end-to-end over HTTP. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.spec.json' }];
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': tsJest,
    'node_modules/bpmn-server/dist/(engine/Token|elements/Definition)\\.js$': '<rootDir>/test/setup/bpmn-server.transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!bpmn-server/dist/(engine/Token|elements/Definition)\\.js$)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  rootDir: __dirname,
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/unit-timeout.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeout.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeout.ts'],
    },
  ],
};
