/**
 * The GitOps example: the dev and prod stacks of one application, each with its state in PostgreSQL.
 * `cdktf synth` writes both; `cdktf deploy dev` / `cdktf deploy prod` apply one. See README.md.
 */
import { App } from 'cdktf';
import { ENVIRONMENTS } from './environments';
import { LightyearStack } from './lightyear-stack';

const app = new App();
for (const environment of ENVIRONMENTS) new LightyearStack(app, environment.name, environment);
app.synth();
