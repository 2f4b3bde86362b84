import { describe, expect, test } from 'vitest';
import type { AppShape, TranslatorEnvironment } from './app-shape';
import { translatorStart } from './translator-start';

const environment = (name: string): TranslatorEnvironment => ({ name, context: name, project: `meridian-${name}`, cluster: `gke-${name}`, region: 'us-east4', aptible: [], requiresApproval: name === 'production', logsHoldPhi: name === 'production' });
const environments = [environment('stage'), environment('production')];
const apps = [{ name: 'patient-portal' }, { name: 'scheduler' }] as AppShape[];

describe('translatorStart', () => {
  test("takes the link's app and environment when they exist", () => {
    expect(translatorStart({ app: 'scheduler', env: 'production' }, environments, apps)).toEqual({ app: 'scheduler', env: 'production' });
  });

  test('an unknown app picks none (a typed --app decides); an unknown environment falls back to the first', () => {
    expect(translatorStart({ app: 'no-such-app', env: 'qa' }, environments, apps)).toEqual({ app: '', env: 'stage' });
    expect(translatorStart({ app: '', env: '' }, [], apps)).toEqual({ app: '', env: '' });
  });
});
