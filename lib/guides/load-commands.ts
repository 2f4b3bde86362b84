import 'server-only';

import { cached, contentFileName, parseYaml, readContentFile } from './read-content';
import { commandsFileSchema, ContentError, parseContent, type CommandEntry } from './schemas';

const FILE = 'commands.yaml';

/** Parses content/commands.yaml; exported so tests can feed it broken content. */
export function parseCommandsSource(source: string): CommandEntry[] {
  const file = contentFileName(FILE);
  const { commands } = parseContent(commandsFileSchema, parseYaml(source, file), file);
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const [index, entry] of commands.entries()) {
    if (ids.has(entry.id)) {
      throw new ContentError(file, [{ path: `commands[${index}].id`, message: `duplicate id "${entry.id}"` }]);
    }
    if (names.has(entry.command)) {
      throw new ContentError(file, [{ path: `commands[${index}] (${entry.id}).command`, message: `duplicate command "${entry.command}"` }]);
    }
    ids.add(entry.id);
    names.add(entry.command);
  }
  for (const [index, entry] of commands.entries()) {
    if (entry.aliasOf && !names.has(entry.aliasOf)) {
      throw new ContentError(file, [{ path: `commands[${index}] (${entry.id}).aliasOf`, message: `no command "${entry.aliasOf}"` }]);
    }
  }
  return commands;
}

/** Every translated `aptible` command, in the file's order. */
export function listCommands(): CommandEntry[] {
  return cached('commands', () => parseCommandsSource(readContentFile(FILE)));
}

export function getCommand(id: string): CommandEntry | null {
  return listCommands().find((entry) => entry.id === id) ?? null;
}
