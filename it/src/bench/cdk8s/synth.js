// Synthesises the objects Pulse rendered (objects.json: [{cluster, object}]) with cdk8s: one app per
// cluster (cdk8s names files <Kind>.<name>, which repeat across clusters), one YAML file per resource.
// Prints how long construction + synth took.
const fs = require('fs');
const path = require('path');
const { App, Chart, ApiObject, YamlOutputType } = require('cdk8s');

const [input, outdir] = process.argv.slice(2);
const entries = JSON.parse(fs.readFileSync(input, 'utf8'));
const start = process.hrtime.bigint();
const charts = new Map();
const apps = [];
entries.forEach((entry, i) => {
  let chart = charts.get(entry.cluster);
  if (!chart) {
    const app = new App({ outdir: path.join(outdir, entry.cluster), yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    apps.push(app);
    chart = new Chart(app, entry.cluster);
    charts.set(entry.cluster, chart);
  }
  new ApiObject(chart, `o${i}`, entry.object);
});
apps.forEach(app => app.synth());
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ objects: entries.length, synthSeconds: seconds }));
