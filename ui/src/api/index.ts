/**
 * The only door to the Rust side: one typed function per Tauri command. Every failure comes
 * out as an `ApiError` carrying the shell's CommandError fields, so views branch on `kind`
 * and show `message` (already translated) next to `field`.
 */
import { invoke } from '@tauri-apps/api/core';
import { t } from '../i18n';
import type { AppInfo } from '../bindings/AppInfo';
import type { CommandError } from '../bindings/CommandError';
import type { ErrorKind } from '../bindings/ErrorKind';
import type { LanguageChoice } from '../bindings/LanguageChoice';
import type { Person } from '../bindings/Person';
import type { PersonDraft } from '../bindings/PersonDraft';

// Views take their types from here and never name a generated file.
export type { AppInfo, CommandError, ErrorKind, LanguageChoice, Person, PersonDraft };
export type { Lang } from '../bindings/Lang';
/** Whatever Rust's id type is generated as; the UI only passes it back. */
export type PersonId = Person['id'];

export class ApiError extends Error implements CommandError {
  readonly kind: ErrorKind;
  readonly field: string | null;

  constructor(error: CommandError) {
    super(error.message);
    this.name = 'ApiError';
    this.kind = error.kind;
    this.field = error.field ?? null;
  }
}

const KINDS: readonly string[] = ['not_found', 'invalid', 'conflict', 'internal'];

function isCommandError(value: unknown): value is CommandError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && KINDS.includes(v.kind) && typeof v.message === 'string';
}

function toApiError(cmd: string, raw: unknown): ApiError {
  if (isCommandError(raw)) return new ApiError(raw);
  // Not a CommandError: Tauri itself refused (unknown command, arguments that did not
  // deserialize, no IPC). Its text is English and technical, so the user gets the general
  // message and the console gets the detail.
  console.error(`command ${cmd} failed`, raw);
  return new ApiError({ kind: 'internal', message: t('error.internal'), field: null });
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (raw) {
    throw toApiError(cmd, raw);
  }
}

export const appInfo = (): Promise<AppInfo> => call('app_info');

export const listPeople = (): Promise<Person[]> => call('list_people');

export const addPerson = (draft: PersonDraft): Promise<Person> => call('add_person', { draft });

export const updatePerson = (id: PersonId, draft: PersonDraft): Promise<Person> =>
  call('update_person', { id, draft });

export const archivePerson = (id: PersonId): Promise<Person> => call('archive_person', { id });

export const restorePerson = (id: PersonId): Promise<Person> => call('restore_person', { id });

export const setLanguage = (code: LanguageChoice): Promise<AppInfo> =>
  call('set_language', { code });

export const quitApp = (): Promise<null> => call('quit_app');
