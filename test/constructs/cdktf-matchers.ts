// cdktf's Jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) and their types, for the
// construct tests: imported by each test file that uses them.
import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();
