// `npm start` rebuilds only when a source file is newer than the last production build.
import fs from 'node:fs';
import path from 'node:path';

const sources = ['app', 'components', 'lib', 'content', 'public', 'next.config.js', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

export function needsBuild(root = process.cwd(), distDir = '.next') {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return sources.some((entry) => newerThan(path.join(root, entry), builtAt));
}

function newerThan(target, time) {
  if (!fs.existsSync(target)) return false;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return fs.readdirSync(target).some((name) => !name.startsWith('.') && newerThan(path.join(target, name), time));
}
