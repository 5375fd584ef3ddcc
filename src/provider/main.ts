/**
 * terraform-provider-lightyear: the process Terraform starts. Everything LightYear-specific is in
 * provider.ts and resources/; the framework turns tfplugin6 calls into their operations, and the protocol
 * layer speaks gRPC to Terraform.
 */
import { FrameworkServer } from './framework/server';
import { createLogger } from './protocol/logger';
import { serve } from './protocol/serve';
import { lightyearProvider } from './provider';

const logger = createLogger();

const server = new FrameworkServer(lightyearProvider, (level, message) => logger[level](message));

serve(server, {
  logger,
  notStartedByTerraformMessage:
    'terraform-provider-lightyear is a Terraform provider: Terraform starts it. Run `npx lyctl provider install`, then `terraform init` with TF_CLI_CONFIG_FILE set as it prints.',
}).catch((err: unknown) => {
  logger.error('the provider could not start', { error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
