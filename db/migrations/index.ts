// Every migration, imported so that the bundler and vitest carry them (kysely's
// FileMigrationProvider cannot load .ts files at run time). Add new ones here, in order.
import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0003 from "./0003_analytics_parts";
import * as m0004 from "./0004_pipeline_indexes";
import * as m0005 from "./0005_jobs";
import * as m0007 from "./0007_roles_reports";
import * as m0008 from "./0008_intake";
import * as m0009 from "./0009_pipeline_summary_indexes";
import * as m0010 from "./0010_analytics_covering";
import * as m0011 from "./0011_one_running_job";
import * as m0012 from "./0012_windows_swept";
import * as m0013 from "./0013_drop_redundant_indexes";
import * as m0014 from "./0014_near_duplicate_column";
import * as m0015 from "./0015_sessions";
import * as m0016 from "./0016_sign_in_attempts";
import * as m0017 from "./0017_job_heartbeat";
import * as m0018 from "./0018_interview_title";
import * as m0019 from "./0019_edits";
import * as m0020 from "./0020_today_seen";
import * as m0021 from "./0021_search";
import * as m0022 from "./0022_time_zones";
import * as m0023 from "./0023_saved_views";
import * as m0024 from "./0024_summaries";
import * as m0025 from "./0025_dashboard_summaries";
import * as m0026 from "./0026_outbox";
import * as m0027 from "./0027_mailboxes";
import * as m0028 from "./0028_branding";
import * as m0029 from "./0029_demographics";
import * as m0030 from "./0030_rights";
import * as m0031 from "./0031_api";
import * as m0032 from "./0032_dashboard_read_indexes";
import * as m0033 from "./0033_exempt_summaries";
import * as m0034 from "./0034_webhooks";
import * as m0035 from "./0035_ats";
import * as m0036 from "./0036_dashboard_date_range";
import * as m0037 from "./0037_dashboard_slices";
import * as m0038 from "./0038_deferred_summaries";
import * as m0039 from "./0039_open_interview_indexes";
import * as m0040 from "./0040_candidate_counts";
import * as m0041 from "./0041_dashboard_suffixes";
import * as m0042 from "./0042_open_interview_level_indexes";

export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0003_analytics_parts": m0003,
  "0004_pipeline_indexes": m0004,
  "0005_jobs": m0005,
  "0007_roles_reports": m0007,
  "0008_intake": m0008,
  "0009_pipeline_summary_indexes": m0009,
  "0010_analytics_covering": m0010,
  "0011_one_running_job": m0011,
  "0012_windows_swept": m0012,
  "0013_drop_redundant_indexes": m0013,
  "0014_near_duplicate_column": m0014,
  "0015_sessions": m0015,
  "0016_sign_in_attempts": m0016,
  "0017_job_heartbeat": m0017,
  "0018_interview_title": m0018,
  "0019_edits": m0019,
  "0020_today_seen": m0020,
  "0021_search": m0021,
  "0022_time_zones": m0022,
  "0023_saved_views": m0023,
  "0024_summaries": m0024,
  "0025_dashboard_summaries": m0025,
  "0026_outbox": m0026,
  "0027_mailboxes": m0027,
  "0028_branding": m0028,
  "0029_demographics": m0029,
  "0030_rights": m0030,
  "0031_api": m0031,
  "0032_dashboard_read_indexes": m0032,
  "0033_exempt_summaries": m0033,
  "0034_webhooks": m0034,
  "0035_ats": m0035,
  "0036_dashboard_date_range": m0036,
  "0037_dashboard_slices": m0037,
  "0038_deferred_summaries": m0038,
  "0039_open_interview_indexes": m0039,
  "0040_candidate_counts": m0040,
  "0041_dashboard_suffixes": m0041,
  "0042_open_interview_level_indexes": m0042,
};
