// Validates rendered Kubernetes manifests against the Kubernetes API schemas of npm
// kubernetes-models (5.1.0, Kubernetes 1.33) and, stricter than those schemas, refuses fields the
// API does not know (the API server would drop or refuse them; kubectl --validate=strict needs a
// cluster). Usage: node validate.mjs <node_modules dir> <manifest.yaml>...
// Prints one line per problem ("<file> <kind>/<name>: <path> <message>") and the kinds it could not
// check (custom resources such as Dapr's Component); exits 1 when there is a problem.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const { parseAllDocuments } = await import(pathToFileURL(join(modules, "yaml", "dist", "index.js")));
const models = join(modules, "kubernetes-models");

// The compiled validators read every property their schema knows (`data.field !== undefined`) and
// enumerate the keys of maps: a proxy records what they read; a key never read is unknown.
function watch(value, reads) {
  if (value === null || typeof value !== "object") return value;
  const seen = new Set();
  reads.set(value, seen);
  const proxies = new Map();
  return new Proxy(value, {
    get(target, prop, receiver) {
      if (typeof prop === "string") seen.add(prop);
      const child = Reflect.get(target, prop, receiver);
      if (child === null || typeof child !== "object") return child;
      if (!proxies.has(child)) proxies.set(child, watch(child, reads));
      return proxies.get(child);
    },
  });
}

function unknownFields(value, reads, path, out) {
  if (value === null || typeof value !== "object") return;
  const seen = reads.get(value);
  for (const [key, child] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${path}/${key}` : `${path}/${key}`;
    if (!Array.isArray(value) && seen && !seen.has(key)) {
      out.push(`${here} is not a field of the Kubernetes API`);
      continue;
    }
    unknownFields(child, reads, here, out);
  }
}

const schemaCache = new Map();
async function validatorFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!schemaCache.has(key)) {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const model = join(models, group, version, `${kind}.js`);
    let validate = null;
    if (existsSync(model)) {
      const schema = /from"(?:\.\.\/)+_schemas\/(\w+)\.js"/.exec(readFileSync(model, "utf8"));
      if (schema) validate = (await import(pathToFileURL(join(models, "_schemas", `${schema[1]}.js`)))).validate;
    }
    schemaCache.set(key, validate);
  }
  return schemaCache.get(key);
}

let problems = 0;
const skipped = new Set();
let checked = 0;
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.log(`${file}: YAML error ${doc.errors[0].message}`);
      problems++;
      continue;
    }
    const manifest = doc.toJS();
    if (!manifest) continue;
    const name = `${manifest.kind}/${manifest.metadata?.name}`;
    const validate = await validatorFor(manifest.apiVersion, manifest.kind);
    if (!validate) {
      skipped.add(`${manifest.apiVersion} ${manifest.kind}`);
      continue;
    }
    checked++;
    const reads = new Map();
    const ok = validate(watch(manifest, reads));
    const messages = ok ? [] : validate.errors.map(e => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
    unknownFields(manifest, reads, "", messages);
    // apiVersion and kind are read by the model's type guard, not by the schema.
    for (const message of messages.filter(m => !/^\/(apiVersion|kind) is not a field/.test(m))) {
      console.log(`${file} ${name}: ${message}`);
      problems++;
    }
  }
}
console.log(`checked ${checked} manifests; not checked (custom resources): ${[...skipped].sort().join(", ") || "none"}`);
process.exit(problems ? 1 : 0);
