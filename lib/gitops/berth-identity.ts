// Berth commits as committer; the engineer is always the author.
export const BERTH_COMMITTER = { name: 'Berth', email: 'berth@meridiancare.example' } as const;
