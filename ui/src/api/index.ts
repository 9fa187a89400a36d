/**
 * The only door to the Rust side: one typed function per Tauri command. Every failure comes
 * out as an `ApiError` carrying the shell's CommandError fields, so views branch on `kind`
 * and show `message` (already translated) next to `field`.
 */
import { invoke } from '@tauri-apps/api/core';
import { t } from '../i18n';
import { takeEarly } from './early';
import type { Agenda } from '../bindings/Agenda';
import type { AgendaDay } from '../bindings/AgendaDay';
import type { AppInfo } from '../bindings/AppInfo';
import type { StartSteps } from '../bindings/StartSteps';
import type { BackupFile } from '../bindings/BackupFile';
import type { Backups } from '../bindings/Backups';
import type { RecoveryOffer } from '../bindings/RecoveryOffer';
import type { Restored } from '../bindings/Restored';
import type { WeekAgenda } from '../bindings/WeekAgenda';
import type { Retention } from '../bindings/Retention';
import type { RetentionSettings } from '../bindings/RetentionSettings';
import type { Channel } from '../bindings/Channel';
import type { CheckIn } from '../bindings/CheckIn';
import type { CheckInDraft } from '../bindings/CheckInDraft';
import type { CheckInContext } from '../bindings/CheckInContext';
import type { CheckInEdit } from '../bindings/CheckInEdit';
import type { FinishCheckIn } from '../bindings/FinishCheckIn';
import type { FollowUp } from '../bindings/FollowUp';
import type { FollowUpDraft } from '../bindings/FollowUpDraft';
import type { FollowUpOwner } from '../bindings/FollowUpOwner';
import type { OwnPrompt } from '../bindings/OwnPrompt';
import type { PromptView } from '../bindings/PromptView';
import type { Pulse } from '../bindings/Pulse';
import type { PulseDraft } from '../bindings/PulseDraft';
import type { PulsePoint } from '../bindings/PulsePoint';
import type { Timeline } from '../bindings/Timeline';
import type { TimelineCheckIn } from '../bindings/TimelineCheckIn';
import type { TimelineOccurrence } from '../bindings/TimelineOccurrence';
import type { DueCheckIn } from '../bindings/DueCheckIn';
import type { End } from '../bindings/End';
import type { Group } from '../bindings/Group';
import type { GroupDraft } from '../bindings/GroupDraft';
import type { MarkStatus } from '../bindings/MarkStatus';
import type { MissedReminder } from '../bindings/MissedReminder';
import type { Trouble } from '../bindings/Trouble';
import type { OccurrenceView } from '../bindings/OccurrenceView';
import type { Recurrence } from '../bindings/Recurrence';
import type { Repeat } from '../bindings/Repeat';
import type { Rhythm } from '../bindings/Rhythm';
import type { RhythmDraft } from '../bindings/RhythmDraft';
import type { ReminderPreferences } from '../bindings/ReminderPreferences';
import type { ReminderSettings } from '../bindings/ReminderSettings';
import type { ReminderSettingsDraft } from '../bindings/ReminderSettingsDraft';
import type { RhythmKind } from '../bindings/RhythmKind';
import type { SampleSummary } from '../bindings/SampleSummary';
import type { Weekday } from '../bindings/Weekday';
import type { CommandError } from '../bindings/CommandError';
import type { ErrorKind } from '../bindings/ErrorKind';
import type { LanguageChoice } from '../bindings/LanguageChoice';
import type { Person } from '../bindings/Person';
import type { ErasureReport } from '../bindings/ErasureReport';
import type { ExportedFiles } from '../bindings/ExportedFiles';
import type { IdeaChoice } from '../bindings/IdeaChoice';
import type { PersonDraft } from '../bindings/PersonDraft';
import type { Booked } from '../bindings/Booked';
import type { BookedFile } from '../bindings/BookedFile';
import type { Booking } from '../bindings/Booking';
import type { BookingDraft } from '../bindings/BookingDraft';
import type { BookingSuggestion } from '../bindings/BookingSuggestion';
import type { Deliver } from '../bindings/Deliver';
import type { ManagerSettings } from '../bindings/ManagerSettings';
import type { ImportPreviewed } from '../bindings/ImportPreviewed';
import type { ImportSummary } from '../bindings/ImportSummary';
import type { AssignmentDraft } from '../bindings/AssignmentDraft';
import type { AssignmentStatus } from '../bindings/AssignmentStatus';
import type { AssignmentView } from '../bindings/AssignmentView';
import type { DivisionOfWork } from '../bindings/DivisionOfWork';
import type { FikaPair } from '../bindings/FikaPair';
import type { Idea } from '../bindings/Idea';
import type { IdeaDraft } from '../bindings/IdeaDraft';
import type { IdeaStatus } from '../bindings/IdeaStatus';
import type { PersonWork } from '../bindings/PersonWork';
import type { ReportBackDue } from '../bindings/ReportBackDue';
import type { Attention } from '../bindings/Attention';
import type { Distribution } from '../bindings/Distribution';
import type { Insights } from '../bindings/Insights';
import type { KindKept } from '../bindings/KindKept';
import type { PersonPulse } from '../bindings/PersonPulse';
import type { TrendPoint } from '../bindings/TrendPoint';
import type { ScaleCounts } from '../bindings/ScaleCounts';
import type { Signal } from '../bindings/Signal';
import type { SignalKind } from '../bindings/SignalKind';
import type { Round } from '../bindings/Round';
import type { RoundDraft } from '../bindings/RoundDraft';
import type { RoundMember } from '../bindings/RoundMember';
import type { RoundStatus } from '../bindings/RoundStatus';
import type { Suggestion } from '../bindings/Suggestion';
import type { TeamworkSettings } from '../bindings/TeamworkSettings';
import type { Away } from '../bindings/Away';
import type { AwayDraft } from '../bindings/AwayDraft';
import type { AwayReason } from '../bindings/AwayReason';
import type { CalendarSettings } from '../bindings/CalendarSettings';
import type { CalendarSettingsDraft } from '../bindings/CalendarSettingsDraft';
import type { HolidayCalendar } from '../bindings/HolidayCalendar';
import type { NewPerson } from '../bindings/NewPerson';
import type { SpreadMove } from '../bindings/SpreadMove';
import type { WorkItem } from '../bindings/WorkItem';
import type { Command } from '../bindings/commands';
import { ERROR_KINDS } from '../bindings/limits';

// Views take their types from here and never name a generated file.
export type { AppInfo, CommandError, ErrorKind, LanguageChoice, Person, PersonDraft };
export type { ErasureReport, ExportedFiles, IdeaChoice };
export type { Booked, BookedFile, Booking, BookingDraft, BookingSuggestion, Deliver, ManagerSettings };
export type { ImportPreviewed, ImportSummary };
export type { BackupFile, Backups, RecoveryOffer, Restored, Retention, RetentionSettings, WeekAgenda };
export type { Agenda, AgendaDay, Channel, CheckIn, CheckInDraft, DueCheckIn, MarkStatus, OccurrenceView };
export type { End, Recurrence, Repeat, Rhythm, RhythmDraft, RhythmKind, Weekday };
export type { Group, GroupDraft, SampleSummary };
export type { MissedReminder, ReminderPreferences, ReminderSettings, ReminderSettingsDraft, Trouble };
export type { AssignmentDraft, AssignmentStatus, AssignmentView, DivisionOfWork, PersonWork, Suggestion, WorkItem };
export type { FikaPair, Round, RoundDraft, RoundMember, RoundStatus };
export type { Idea, IdeaDraft, IdeaStatus, ReportBackDue, TeamworkSettings };
export type { Attention, Distribution, Insights, KindKept, PersonPulse, ScaleCounts, Signal, SignalKind, TrendPoint };
export type { Lang } from '../bindings/Lang';
export type { Away, AwayDraft, AwayReason, CalendarSettings, CalendarSettingsDraft, HolidayCalendar, NewPerson, SpreadMove };
// Limits and enumerations from Rust, so forms never carry their own copies.
export { LIMITS, ASSIGNMENT_STATUSES, CHANNELS, IDEA_STATUSES, RHYTHM_KINDS, WEEKDAYS } from '../bindings/limits';
export { AWAY_REASONS, HOLIDAY_CALENDARS } from '../bindings/limits';
export { TODAY_AGENDA_DAYS, endEarly } from './early';
/** Whatever Rust's id type is generated as; the UI only passes it back. */
export type PersonId = Person['id'];
export type RhythmId = Rhythm['id'];
export type GroupId = Group['id'];
export type CheckInId = CheckIn['id'];
/** An occurrence's stable id, "12@2026-12-04T09:00". */
export type OccurrenceId = OccurrenceView['id'];
export type AssignmentId = AssignmentView['id'];
export type RoundId = Round['id'];
export type IdeaId = Idea['id'];

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

/** Any failure as an ApiError: a thrown non-ApiError becomes the general internal message. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error(error);
  return new ApiError({ kind: 'internal', message: t('error.internal'), field: null });
}

const KINDS: readonly string[] = ERROR_KINDS;

function isCommandError(value: unknown): value is CommandError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && KINDS.includes(v.kind) && typeof v.message === 'string';
}

function toApiError(cmd: Command, raw: unknown): ApiError {
  if (isCommandError(raw)) return new ApiError(raw);
  // Not a CommandError: Tauri itself refused (unknown command, arguments that did not
  // deserialize, no IPC). Its text is English and technical, so the user gets the general
  // message and the console gets the detail.
  console.error(`command ${cmd} failed`, raw);
  return new ApiError({ kind: 'internal', message: t('error.internal'), field: null });
}

async function call<T>(cmd: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    // The start's first calls were sent before this script loaded (api/early.ts).
    return await (takeEarly<T>(cmd, args) ?? invoke<T>(cmd, args));
  } catch (raw) {
    throw toApiError(cmd, raw);
  }
}

export const appInfo = (): Promise<AppInfo> => call('app_info');

export const listPeople = (): Promise<Person[]> => call('list_people');

/** Adds someone; `lastTalked` ("YYYY-MM-DD", optional) is when the manager last talked with them. */
export const addPerson = (draft: NewPerson): Promise<Person> => call('add_person', { draft });

export const updatePerson = (id: PersonId, draft: PersonDraft): Promise<Person> =>
  call('update_person', { id, draft });

export const archivePerson = (id: PersonId): Promise<Person> => call('archive_person', { id });

export const restorePerson = (id: PersonId): Promise<Person> => call('restore_person', { id });

/** Erases a person and everything about them; `confirmName` is what the manager typed. */
export const erasePerson = (id: PersonId, confirmName: string, ideas: IdeaChoice): Promise<ErasureReport> =>
  call('erase_person', { id, confirmName, ideas });

/** Asks where to save, then writes the person's page and JSON; null when cancelled. */
export const exportPerson = (id: PersonId): Promise<ExportedFiles | null> => call('export_person', { id });

/** Sets or clears (null or '') a person's video-meeting link; https only. */
export const setPersonLink = (id: PersonId, link: string | null): Promise<Person> =>
  call('set_person_link', { id, link });

/** Sets or clears (null or '') a rhythm's video-meeting link; https only. */
export const setRhythmLink = (id: number, link: string | null): Promise<Rhythm> =>
  call('set_rhythm_link', { id, link });

/** Opens an https meeting link in the default browser (*Join*). */
export const openLink = (link: string): Promise<null> => call('open_link', { link });

/** The default time for a check-in with the person: the next free slot from their due date. */
export const suggestBooking = (personId: PersonId): Promise<BookingSuggestion> => call('suggest_booking', { personId });

/** Books the check-in and opens its invitation in the calendar program or saves it; null when the save was cancelled. */
export const bookCheckin = (personId: PersonId, draft: BookingDraft, deliver: Deliver): Promise<BookedFile | null> =>
  call('book_checkin', { personId, draft, deliver });

export const cancelBooking = (personId: PersonId): Promise<null> => call('cancel_booking', { personId });

/** The manager's own name and e-mail, which invitations are sent from. */
export const managerSettings = (): Promise<ManagerSettings> => call('manager_settings');

export const setManagerSettings = (draft: ManagerSettings): Promise<ManagerSettings> => call('set_manager_settings', { draft });

/** Asks for a CSV file of people and previews it; null when cancelled. */
export const previewImport = (): Promise<ImportPreviewed | null> => call('preview_import');

/** Imports exactly the file previewed under `token`: every row, or none. */
export const confirmImport = (token: number): Promise<ImportSummary> => call('confirm_import', { token });

export const setLanguage = (code: LanguageChoice): Promise<AppInfo> =>
  call('set_language', { code });

export const quitApp = (): Promise<null> => call('quit_app');

/** Closes the window; Närvaro keeps running in the tray (or quits where there is none). */
export const closeWindow = (): Promise<null> => call('close_window');

/** The first Today is on the screen, `sinceLoadMs` after the page began: logged once, for scripts/bench-app.sh. */
export const uiReady = (sinceLoadMs: number, steps: StartSteps): Promise<null> =>
  call('ui_ready', { sinceLoadMs, steps });

// ---------- Agenda, check-ins, sample team, calendar export ----------

/** Today and the `days` - 1 days after it (1..=366), with the overdue check-ins. */
export const agenda = (days: number): Promise<Agenda> => call('agenda', { days });

/** A Monday-to-Sunday week: 0 this week, 1 the next. */
export const weekAgenda = (offset: number): Promise<WeekAgenda> => call('week_agenda', { offset });

export const logCheckin = (draft: CheckInDraft): Promise<CheckIn> => call('log_checkin', { draft });

export const listCheckins = (personId: PersonId): Promise<CheckIn[]> =>
  call('list_checkins', { personId });

export const deleteCheckin = (id: CheckInId): Promise<null> => call('delete_checkin', { id });

export const loadSampleTeam = (): Promise<SampleSummary> => call('load_sample_team');

export const sampleTeamLoaded = (): Promise<boolean> => call('sample_team_loaded');

/** Removes all the sample team added, with everything recorded about its people. */
export const removeSampleTeam = (): Promise<SampleSummary> => call('remove_sample_team');

/** Asks where to save (Rust's native dialog) and writes one rhythm, or all when null. */
/** One rhythm, or all (1:1 series only with `withOneOnOnes`), via the native save dialog. */
export const exportCalendar = (rhythmId: RhythmId | null, withOneOnOnes = false): Promise<string | null> =>
  call('export_calendar', { rhythmId, withOneOnOnes });

// ---------- Retention, backups and recovering from a damaged data file ----------

export const retention = (): Promise<Retention> => call('retention');

/** Saves how long notes, pulses and archived people are kept, and applies it at once. */
export const setRetention = (chosen: RetentionSettings): Promise<Retention> => call('set_retention', { chosen });

export const listBackups = (): Promise<Backups> => call('list_backups');

export const backUpNow = (): Promise<Backups> => call('back_up_now');

/** Restores a backup by its file name in the backups folder; the current data is backed up first. */
export const restoreBackup = (file: string): Promise<Restored> => call('restore_backup', { file });

/** Asks for a file in the native open dialog and restores it; null when cancelled. */
export const restoreFromFile = (): Promise<Restored | null> => call('restore_from_file');

/** After a damaged data file was set aside: the offered backup (`restore`) or empty data. */
export const recover = (restore: boolean): Promise<AppInfo> => call('recover', { restore });

// ---------- Rhythms and their occurrences ----------

export const listRhythms = (): Promise<Rhythm[]> => call('list_rhythms');

export const createRhythm = (draft: RhythmDraft): Promise<Rhythm> => call('create_rhythm', { draft });

/** Changes the whole series. */
export const updateRhythm = (id: RhythmId, draft: RhythmDraft): Promise<Rhythm> =>
  call('update_rhythm', { id, draft });

/** Changes the series from `fromDate` on; earlier occurrences keep the old settings. */
export const updateRhythmFrom = (id: RhythmId, fromDate: string, draft: RhythmDraft): Promise<Rhythm> =>
  call('update_rhythm_from', { id, fromDate, draft });

export const deleteRhythm = (id: RhythmId): Promise<null> => call('delete_rhythm', { id });

export const markOccurrenceHeld = (occurrence: OccurrenceId): Promise<null> =>
  call('mark_occurrence_held', { occurrence });

export const skipOccurrence = (occurrence: OccurrenceId, reason: string | null): Promise<null> =>
  call('skip_occurrence', { occurrence, reason });

export const moveOccurrence = (occurrence: OccurrenceId, date: string, time: string): Promise<null> =>
  call('move_occurrence', { occurrence, date, time });

export const resetOccurrence = (occurrence: OccurrenceId): Promise<null> =>
  call('reset_occurrence', { occurrence });

// ---------- Work groups ----------

export const listGroups = (): Promise<Group[]> => call('list_groups');

export const createGroup = (draft: GroupDraft): Promise<Group> => call('create_group', { draft });

export const renameGroup = (id: GroupId, draft: GroupDraft): Promise<Group> =>
  call('rename_group', { id, draft });

export const deleteGroup = (id: GroupId): Promise<null> => call('delete_group', { id });

export const addGroupMember = (id: GroupId, personId: PersonId): Promise<Group> =>
  call('add_group_member', { id, personId });

export const removeGroupMember = (id: GroupId, personId: PersonId): Promise<Group> =>
  call('remove_group_member', { id, personId });

// ---------- Reminders ----------

export const reminderPreferences = (): Promise<ReminderPreferences> => call('reminder_preferences');

export const setReminderSettings = (draft: ReminderSettingsDraft): Promise<ReminderSettings> =>
  call('set_reminder_settings', { draft });

/** Holds reminders for "hour" or until "tomorrow"; they come after, never dropped. */
export const pauseReminders = (length: 'hour' | 'tomorrow'): Promise<ReminderSettings> =>
  call('pause_reminders', { length });

export const resumeReminders = (): Promise<ReminderSettings> => call('resume_reminders');

export const snoozeReminder = (key: string): Promise<null> => call('snooze_reminder', { key });

export const reminderDone = (key: string): Promise<null> => call('reminder_done', { key });

/** Why reminders are not being saved just now (a full disk, a busy file); null while they are. */
export const reminderTrouble = (): Promise<Trouble | null> => call('reminder_trouble');

/** Reminders missed or not delivered, until dismissed. */
export const missedReminders = (): Promise<MissedReminder[]> => call('missed_reminders');
export const dismissMissedReminders = (): Promise<null> => call('dismiss_missed_reminders');

/** Whether Närvaro starts at login; null where that cannot be set. */
export const setAutostart = (enabled: boolean): Promise<boolean | null> =>
  call('set_autostart', { enabled });

// ---------- Team work: assignments and sounding boards ----------

/** Every assignment with its flags as of today: active first, then paused, then done. */
export const listAssignments = (): Promise<AssignmentView[]> => call('list_assignments');

/** Who does what: each person's active assignments, as owner or sounding board. */
export const divisionOfWork = (): Promise<DivisionOfWork> => call('division_of_work');

export const createAssignment = (draft: AssignmentDraft): Promise<AssignmentView> =>
  call('create_assignment', { draft });

export const updateAssignment = (id: AssignmentId, draft: AssignmentDraft): Promise<AssignmentView> =>
  call('update_assignment', { id, draft });

export const setAssignmentStatus = (id: AssignmentId, status: AssignmentStatus): Promise<AssignmentView> =>
  call('set_assignment_status', { id, status });

export const markAssignmentDiscussed = (id: AssignmentId): Promise<AssignmentView> =>
  call('mark_assignment_discussed', { id });

export const deleteAssignment = (id: AssignmentId): Promise<null> => call('delete_assignment', { id });

/** Up to three colleagues who could be the assignment's sounding board, best first. */
export const suggestSoundingBoard = (id: AssignmentId): Promise<Suggestion[]> =>
  call('suggest_sounding_board', { id });

export const acceptSuggestion = (id: AssignmentId, personId: PersonId): Promise<AssignmentView> =>
  call('accept_suggestion', { id, personId });

// ---------- Team work: fika pairing rounds ----------

/** Every round, newest first. */
export const listRounds = (): Promise<Round[]> => call('list_rounds');

export const createRound = (draft: RoundDraft): Promise<Round> => call('create_round', { draft });

/** Draws a draft again; `skipIds` is the whole list of people sitting out. */
export const regenerateRound = (id: RoundId, skipIds: PersonId[]): Promise<Round> =>
  call('regenerate_round', { id, skipIds });

export const confirmRound = (id: RoundId): Promise<Round> => call('confirm_round', { id });

export const deleteRound = (id: RoundId): Promise<null> => call('delete_round', { id });

/** A confirmed round as text to paste into a chat or an e-mail. */
export const roundText = (id: RoundId): Promise<string> => call('round_text', { id });

// ---------- Team work: the idea box ----------

export const listIdeas = (): Promise<Idea[]> => call('list_ideas');

export const addIdea = (draft: IdeaDraft): Promise<Idea> => call('add_idea', { draft });

export const updateIdea = (id: IdeaId, draft: IdeaDraft): Promise<Idea> => call('update_idea', { id, draft });

export const setIdeaStatus = (id: IdeaId, status: IdeaStatus): Promise<Idea> =>
  call('set_idea_status', { id, status });

/** Saves the manager's response; an empty text withdraws it. */
export const respondToIdea = (id: IdeaId, response: string): Promise<Idea> =>
  call('respond_to_idea', { id, response });

export const deleteIdea = (id: IdeaId): Promise<null> => call('delete_idea', { id });

/** Ideas that have waited the set number of days for a response, longest first. */
export const reportBackDue = (): Promise<ReportBackDue[]> => call('report_back_due');

/** Insights for the `days` days ending today (1 to LIMITS.insightsDaysMax). */
export const insightsFor = (days: number): Promise<Insights> => call('insights', { days });

/** Saves the period's attention table as CSV where the manager chooses; null if cancelled. */
export const exportInsightsCsv = (days: number): Promise<string | null> => call('export_insights_csv', { days });

// ---------- Team work: settings ----------

export const teamworkSettings = (): Promise<TeamworkSettings> => call('teamwork_settings');

/** A person's away periods, earliest first. */
export const listAway = (personId: PersonId): Promise<Away[]> => call('list_away', { personId });

/** Everyone's away periods that have not ended: Team's "away until …". */
export const currentAway = (): Promise<Away[]> => call('current_away');

export const addAway = (draft: AwayDraft): Promise<Away> => call('add_away', { draft });

export const removeAway = (id: Away['id']): Promise<null> => call('remove_away', { id });

/** Holiday calendar, own days off and "at most N check-ins a day". */
export const calendarSettings = (): Promise<CalendarSettings> => call('calendar_settings');

/** Saves all of it or, on a bad value, nothing. */
export const setCalendarSettings = (draft: CalendarSettingsDraft): Promise<CalendarSettings> =>
  call('set_calendar_settings', { draft });

/** Saves all three or, on a bad value, none. */
export const setTeamworkSettings = (settings: TeamworkSettings): Promise<TeamworkSettings> =>
  call('set_teamwork_settings', {
    staleDays: settings.staleDays,
    historyRounds: settings.historyRounds,
    reportBackDays: settings.reportBackDays,
  });

// ---------- Check-in conversations, follow-ups, own questions, the person page ----------

export type { CheckInContext, CheckInEdit, FinishCheckIn, PromptView, Pulse, PulseDraft, PulsePoint };
export type { FollowUp, FollowUpDraft, FollowUpOwner, OwnPrompt, Timeline, TimelineCheckIn, TimelineOccurrence };
export type FollowUpId = FollowUp['id'];
export type OwnPromptId = OwnPrompt['id'];

/** What the check-in screen opens with: open follow-ups, the last pulse, 3 prompts, a draft. */
export const checkinContext = (personId: PersonId): Promise<CheckInContext> =>
  call('checkin_context', { personId });

/** Keeps the check-in screen's state (a JSON object of at most LIMITS.draftMaxBytes bytes) while it is under way. */
export const saveCheckinDraft = (personId: PersonId, draft: Record<string, unknown>): Promise<null> =>
  call('save_checkin_draft', { personId, draft });

export const discardCheckinDraft = (personId: PersonId): Promise<null> =>
  call('discard_checkin_draft', { personId });

/** Records the conversation as held, in one transaction; the cadence restarts, the draft goes. */
export const finishCheckin = (draft: FinishCheckIn): Promise<CheckIn> => call('finish_checkin', { draft });

export const editCheckin = (id: CheckInId, edit: CheckInEdit): Promise<CheckIn> =>
  call('edit_checkin', { id, edit });

export const personTimeline = (personId: PersonId): Promise<Timeline> => call('person_timeline', { personId });

export const addFollowup = (personId: PersonId, draft: FollowUpDraft): Promise<FollowUp> =>
  call('add_followup', { personId, draft });

export const editFollowup = (id: FollowUpId, draft: FollowUpDraft): Promise<FollowUp> =>
  call('edit_followup', { id, draft });

export const setFollowupDone = (id: FollowUpId, done: boolean): Promise<FollowUp> =>
  call('set_followup_done', { id, done });

export const deleteFollowup = (id: FollowUpId): Promise<null> => call('delete_followup', { id });

/** Open follow-ups due today or earlier. */
export const followupsDue = (): Promise<FollowUp[]> => call('followups_due');

/** The manager's own prompts, retired ones included. */
export const listPrompts = (): Promise<OwnPrompt[]> => call('list_prompts');

export const addPrompt = (text: string): Promise<OwnPrompt> => call('add_prompt', { text });

export const editPrompt = (id: OwnPromptId, text: string): Promise<OwnPrompt> => call('edit_prompt', { id, text });

export const retirePrompt = (id: OwnPromptId, retired: boolean): Promise<OwnPrompt> =>
  call('retire_prompt', { id, retired });
