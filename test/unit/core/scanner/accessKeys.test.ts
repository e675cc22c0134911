import * as assert from 'node:assert/strict';
import { ACCESS_KEY_ID_ENV, ACCESS_KEY_SECRET_ENV, findAccessKeys } from '../../../../src/core/scanner/accessKeys';
import { firstLookInBytes } from '../../../../src/core/scanner/byteFirstLook';
import { scan } from '../../../../src/core/scanner/scan';
import { applyEdits, FAKE_SP_KEY, found } from './helpers';

// Fakes of the real shapes: an AccessKey ID is LTAI and 20 letters and digits, its secret 30.
const FAKE_ID = 'LTAI5tQ8mR2vX7kLpW3nZ9aB';
const FAKE_SECRET = 'k3Jd8Qw2Lm5Nx7Rt1Vb9Hc4Zp6Yf0G';

describe('scanner: hard-coded Alibaba Cloud AccessKey pairs', () => {
  it('finds an ID with its secret nearby, in any language, and says only its fingerprint', () => {
    const py = `import oss2\nauth = oss2.Auth('${FAKE_ID}', '${FAKE_SECRET}')\n`;
    const findings = scan(py, 'upload.py');
    assert.deepEqual(findings.map((f) => `${f.rule} ${f.state} ${f.severity}`), ['access_key hardcoded warning']);
    const f = findings[0]!;
    assert.deepEqual(f.key, { kind: 'LTAI', visiblePrefix: 'LTAI5tQ8', last4: 'Z9aB' });
    assert.ok(!f.message.includes(FAKE_ID) && !f.message.includes(FAKE_SECRET), 'the message never holds the key');
    const yaml = `aliyun:\n  access-key-id: ${FAKE_ID}\n  access-key-secret: ${FAKE_SECRET}\n`;
    assert.deepEqual(found(yaml, 'application.yml'), ['access_key hardcoded 2']);
    const java = `class C {\n  String id = "${FAKE_ID}";\n  String secret = "${FAKE_SECRET}";\n}\n`;
    assert.deepEqual(found(java, 'C.java'), ['access_key hardcoded 2']);
  });

  it('does not report an ID alone, a secret alone, placeholders, or a secret too far away', () => {
    assert.deepEqual(findAccessKeys(`id = "${FAKE_ID}"\n`), []);
    assert.deepEqual(findAccessKeys(`secret = "${FAKE_SECRET}"\n`), []);
    assert.deepEqual(findAccessKeys(`id = "LTAIxxxxxxxxxxxxxxxx"\nsecret = "${FAKE_SECRET}"\n`), []);
    assert.deepEqual(findAccessKeys(`id = "${FAKE_ID}"\nsecret = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n`), []);
    assert.deepEqual(findAccessKeys(`id = "${FAKE_ID}"\nsecret = "abcdefghijklmnopqrstuvwxyz0123"\n`), []);
    assert.deepEqual(findAccessKeys(`id = "${FAKE_ID}"\n${'#\n'.repeat(400)}secret = "${FAKE_SECRET}"\n`), []);
    // A longer token is not a secret of 30.
    assert.deepEqual(findAccessKeys(`id = "${FAKE_ID}"\nsha = "${FAKE_SECRET}abc"\n`), []);
  });

  it('moves both parts to the variables the official SDKs read, with the import once', () => {
    const py = `import oss2\nauth = oss2.Auth("${FAKE_ID}", "${FAKE_SECRET}")\n`;
    const fix = scan(py, 'a.py')[0]!.fixes.find((x) => x.kind === 'moveToEnv')!;
    assert.deepEqual(fix.envVars, [ACCESS_KEY_ID_ENV, ACCESS_KEY_SECRET_ENV]);
    assert.equal(
      applyEdits(py, fix.edits),
      'import os\nimport oss2\nauth = oss2.Auth(os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"], os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"])\n',
    );
    const go = `package main\n\nimport "fmt"\n\nvar id, secret = "${FAKE_ID}", "${FAKE_SECRET}"\n`;
    const goFix = scan(go, 'main.go')[0]!.fixes.find((x) => x.kind === 'moveToEnv')!;
    assert.equal(
      applyEdits(go, goFix.edits),
      'package main\n\nimport "fmt"\n\nimport "os"\nvar id, secret = os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")\n',
    );
    const ts = `const client = new Client({ accessKeyId: '${FAKE_ID}', accessKeySecret: '${FAKE_SECRET}' });\n`;
    const tsFix = scan(ts, 'c.ts')[0]!.fixes.find((x) => x.kind === 'moveToEnv')!;
    assert.equal(applyEdits(ts, tsFix.edits), 'const client = new Client({ accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET });\n');
  });

  it('passes the first look on raw bytes, so files read from disk are not skipped', () => {
    const text = `k = "${FAKE_ID}"\ns = "${FAKE_SECRET}"\n`;
    assert.equal(firstLookInBytes(Buffer.from(text, 'utf8')), true);
  });

  it('Coding Plan keys (sk-sp-) are found as DashScope API keys', () => {
    assert.deepEqual(found(`API_KEY = "${FAKE_SP_KEY}"\n`, 'k.py'), ['api_key hardcoded 1']);
  });
});
