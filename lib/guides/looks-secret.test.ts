import { describe, expect, it } from 'vitest';
import { secretReason } from './looks-secret';

describe('secretReason', () => {
  it.each([
    ['DATABASE_PASSWORD', 'x'],
    ['TWILIO_AUTH_TOKEN', 'x'],
    ['SENDGRID_API_KEY', 'x'],
    ['SECRET_KEY_BASE', 'x'],
    ['DATABASE_URL', 'postgres://app:hunter2@10.1.2.3:5432/app'],
    ['SIGNED', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----'],
    ['STRIPE', 'sk_live_abcdefghijklmnop'],
    ['WEBHOOK', 'Zk3-9qPw_x7LmN2vB8rT4yUe'],
  ])('%s=%s is a secret', (name, value) => {
    expect(secretReason(name, value)).not.toBeNull();
  });

  it.each([
    ['LOG_LEVEL', 'debug'],
    ['AUTH_MODE', 'iap'],
    ['APP_BASE_URL', 'https://patients.meridiancare.example'],
    ['SCHEDULER_URL', 'http://scheduler-api.scheduler.svc.cluster.local'],
    ['FHIR_BASE_URL', 'https://healthcare.googleapis.com/v1/projects/meridian-prod/locations/us-central1/datasets/clinical/fhirStores/patient-records/fhir'],
    ['KUBECONFIG', '/etc/berth/kubeconfig'],
    ['QUESTIONNAIRE_SET', 'intake-2026-11'],
  ])('%s=%s is a plain setting', (name, value) => {
    expect(secretReason(name, value)).toBeNull();
  });

  it('treats a variable the app already reads from Secret Manager as a secret', () => {
    expect(secretReason('SESSION_SECRET_X', 'abc', ['SESSION_SECRET_X'])).toMatch(/already comes from Secret Manager/);
  });
});
