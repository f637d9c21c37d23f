// Prints vitest's result as the plain closing line CI reads: "N passed, N failed[, N skipped]",
// after the tests that passed only when run again (the `processus` project's retry): named, with
// their first failure, so that a flaky journey is seen and fixed, not hidden by its retry.
import { readFileSync } from 'node:fs';

const report = JSON.parse(
  readFileSync(new URL('../test-results/vitest.json', import.meta.url), 'utf8'),
);
const rejoues = report.testResults.flatMap((file) =>
  file.assertionResults
    .filter((t) => t.status === 'passed' && t.failureMessages?.length)
    .map((t) => ({ file: file.name, t })),
);
for (const { file, t } of rejoues) {
  console.log(`passed on retry: ${file.replace(/.*\/test\//, 'test/')} > ${t.fullName}`);
  console.log(`  first failure: ${t.failureMessages[0].split('\n')[0].slice(0, 300)}`);
}
if (rejoues.length) console.log(`${rejoues.length} test(s) passed on retry only`);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(report.numFailedTests > 0 || report.numTotalTests === 0 ? 1 : 0);
