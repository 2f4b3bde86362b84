import 'server-only';

import { cached, contentFileName, parseYaml, readContentFile } from './read-content';
import {
  commandsFileSchema,
  ContentError,
  parseContent,
  type CommandEntry,
  type CommandEnvironment,
} from './schemas';

const FILE = 'commands.yaml';

export type CommandsFile = { commands: CommandEntry[]; environments: CommandEnvironment[] };

/** Parses content/commands.yaml; exported so tests can feed it broken content. */
export function parseCommandsSource(source: string): CommandsFile {
  const file = contentFileName(FILE);
  const parsed = parseContent(commandsFileSchema, parseYaml(source, file), file);
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const [index, entry] of parsed.commands.entries()) {
    if (ids.has(entry.id)) {
      throw new ContentError(file, [{ path: `commands[${index}].id`, message: `duplicate id "${entry.id}"` }]);
    }
    if (names.has(entry.command)) {
      throw new ContentError(file, [{ path: `commands[${index}] (${entry.id}).command`, message: `duplicate command "${entry.command}"` }]);
    }
    ids.add(entry.id);
    names.add(entry.command);
  }
  return parsed;
}

function commandsFile(): CommandsFile {
  return cached('commands', () => parseCommandsSource(readContentFile(FILE)));
}

/** Every translated `aptible` command, in the file's order. */
export function listCommands(): CommandEntry[] {
  return commandsFile().commands;
}

export function getCommand(id: string): CommandEntry | null {
  return listCommands().find((entry) => entry.id === id) ?? null;
}

/** Aptible environment handles → kube context, project, cluster, region (for `--environment`). */
export function listCommandEnvironments(): CommandEnvironment[] {
  return commandsFile().environments;
}
