// A vitest reporter that writes one line per failure — a file that failed to load, a hook, a test,
// an unhandled error — with the first line of its error, for `npm test` to print at the very end.
// vitest's JSON report does not carry hook errors (a failed beforeAll leaves an empty message and
// its tests "skipped"), and a CI log is often read from its end only.
import fs from 'node:fs';
import path from 'node:path';

export default class FailuresReporter {
  constructor({ outputFile = path.join(process.cwd(), 'test-results', 'vitest-failures.txt') } = {}) {
    this.outputFile = outputFile;
  }

  onTestRunEnd(testModules, unhandledErrors) {
    const lines = [];
    const root = process.cwd();
    const firstLine = (error) => String(error?.message ?? error ?? '').trim().split('\n')[0].slice(0, 300);
    for (const testModule of testModules) {
      const file = path.relative(root, testModule.moduleId);
      for (const error of testModule.errors()) lines.push(`✗ ${file}: ${firstLine(error)}`);
      for (const suite of testModule.children.allSuites()) {
        for (const error of suite.errors()) lines.push(`✗ ${file} › ${suite.fullName} (a hook): ${firstLine(error)}`);
      }
      for (const test of testModule.children.allTests('failed')) {
        lines.push(`✗ ${file} › ${test.fullName}: ${firstLine(test.result().errors?.[0])}`);
      }
    }
    for (const error of unhandledErrors) lines.push(`✗ unhandled error: ${firstLine(error)}`);
    fs.mkdirSync(path.dirname(this.outputFile), { recursive: true });
    fs.writeFileSync(this.outputFile, lines.map((line) => `${line}\n`).join(''));
  }
}
