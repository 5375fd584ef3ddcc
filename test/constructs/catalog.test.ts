import { Testing, TerraformStack } from 'cdktf';
import { CheapestPlan, LightyearProvider, NewestImage, tf } from '../../constructs';
import './cdktf-matchers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new LightyearProvider(s, 'lightyear');
  return s;
}

describe('catalog look-ups', () => {
  it('CheapestPlan reads lightyear_plan with the size given, and offers its id', () => {
    const s = stack();
    const plan = new CheapestPlan(s, 'small', { region: 'ams', minRamMb: 2048, minVcpuCount: 2 });
    const synthesized = Testing.synth(s);
    expect(synthesized).toHaveDataSourceWithProperties(tf.DataLightyearPlan, {
      region: 'ams',
      min_ram_mb: 2048,
      min_vcpu_count: 2,
    });
    expect(plan.planId).toMatch(/\$\{TfToken/);
    expect(plan.dataSource.node.path).toBe('test/small/Lookup');
  });

  it('NewestImage reads lightyear_image by family', () => {
    const s = stack();
    new NewestImage(s, 'debian', { family: 'debian' });
    expect(Testing.synth(s)).toHaveDataSourceWithProperties(tf.DataLightyearImage, {
      family: 'debian',
    });
  });
});
