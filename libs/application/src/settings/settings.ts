import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const emptyAsUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Everything the hub reads from its environment, checked before anything starts. */
export class Settings {
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT = 3000;

  /** The worker's `GET /metrics` port (`0` picks a free one); no listener when unset. The API serves /metrics on PORT. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @IsInt({ message: 'METRICS_PORT must be a whole number' })
  @Min(0, { message: 'METRICS_PORT must be between 0 and 65535' })
  @Max(65535, { message: 'METRICS_PORT must be between 0 and 65535' })
  METRICS_PORT?: number;

  /** Folder of the embedded database; used when DATABASE_URL is not set. */
  @Transform(({ value }) => (value === undefined || value === '' ? './data' : value))
  @IsString()
  @MinLength(1, { message: 'DATA_DIR must name a folder' })
  DATA_DIR = './data';

  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(/^(kurrentdb|kdb|esdb|esdb\+discover|kurrentdb\+discover):\/\/\S+$/, {
    message: 'KURRENTDB_URL must be a kurrentdb:// (or esdb://) connection string',
  })
  KURRENTDB_URL?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 'info' : value))
  @IsIn(['error', 'warn', 'info', 'debug'], { message: 'LOG_LEVEL must be error, warn, info or debug' })
  LOG_LEVEL: 'error' | 'warn' | 'info' | 'debug' = 'info';

  /** HS256 secret for bearer tokens signed by the firm itself. */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** JWKS of an OIDC issuer; needs JWT_ISSUER and JWT_AUDIENCE. */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'JWT_JWKS_URL must be an http(s) URL' })
  JWT_JWKS_URL?: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** The first admin's API key; without it the embedded default makes one on first start. */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(/^\S{32,200}$/, { message: 'ADMIN_API_KEY must be 32 to 200 characters without spaces' })
  ADMIN_API_KEY?: string;

  /**
   * Master key (32 bytes, base64) wrapping the per-person keys of BSN, birth dates and private contact
   * data. Required with DATABASE_URL; the embedded default keeps one in DATA_DIR/personal-data.key.
   */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PERSONAL_DATA_KEY must be 32 bytes in base64 (44 characters; openssl rand -base64 32)' })
  PERSONAL_DATA_KEY?: string;

  /** Requests per client address per minute on the API. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1200 : Number(value)))
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be at least 1' })
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Years until the next Wwft review per risk class. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1 : Number(value)))
  @IsInt({ message: 'WWFT_REVIEW_YEARS_HIGH must be a whole number' })
  @Min(1, { message: 'WWFT_REVIEW_YEARS_HIGH must be 1 to 10' })
  @Max(10, { message: 'WWFT_REVIEW_YEARS_HIGH must be 1 to 10' })
  WWFT_REVIEW_YEARS_HIGH = 1;

  @Transform(({ value }) => (value === undefined || value === '' ? 2 : Number(value)))
  @IsInt({ message: 'WWFT_REVIEW_YEARS_MEDIUM must be a whole number' })
  @Min(1, { message: 'WWFT_REVIEW_YEARS_MEDIUM must be 1 to 10' })
  @Max(10, { message: 'WWFT_REVIEW_YEARS_MEDIUM must be 1 to 10' })
  WWFT_REVIEW_YEARS_MEDIUM = 2;

  @Transform(({ value }) => (value === undefined || value === '' ? 3 : Number(value)))
  @IsInt({ message: 'WWFT_REVIEW_YEARS_LOW must be a whole number' })
  @Min(1, { message: 'WWFT_REVIEW_YEARS_LOW must be 1 to 10' })
  @Max(10, { message: 'WWFT_REVIEW_YEARS_LOW must be 1 to 10' })
  WWFT_REVIEW_YEARS_LOW = 3;

  /** Minutes between tamper-evidence anchors taken by the API (only when events settled since); 0 turns them off. */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt({ message: 'ANCHOR_INTERVAL_MINUTES must be a whole number' })
  @Min(0, { message: 'ANCHOR_INTERVAL_MINUTES must be 0 (off) to 10080 (a week)' })
  @Max(10080, { message: 'ANCHOR_INTERVAL_MINUTES must be 0 (off) to 10080 (a week)' })
  ANCHOR_INTERVAL_MINUTES = 60;

  /** Hours an Idempotency-Key's stored answer is replayed, then deleted (it holds personal data). */
  @Transform(({ value }) => (value === undefined || value === '' ? 24 : Number(value)))
  @IsInt({ message: 'IDEMPOTENCY_KEY_HOURS must be a whole number' })
  @Min(1, { message: 'IDEMPOTENCY_KEY_HOURS must be 1 to 720 (30 days)' })
  @Max(720, { message: 'IDEMPOTENCY_KEY_HOURS must be 1 to 720 (30 days)' })
  IDEMPOTENCY_KEY_HOURS = 24;

  /** Hours a push that fails transiently keeps being retried before it lands in the failed list. */
  @Transform(({ value }) => (value === undefined || value === '' ? 24 : Number(value)))
  @IsInt({ message: 'SYNC_RETRY_HOURS must be a whole number' })
  @Min(1, { message: 'SYNC_RETRY_HOURS must be 1 to 168 (a week)' })
  @Max(168, { message: 'SYNC_RETRY_HOURS must be 1 to 168 (a week)' })
  SYNC_RETRY_HOURS = 24;
}

/** Settings that only make sense together. */
function combinationProblems(settings: Settings): string[] {
  const problems: string[] = [];
  if (settings.JWT_JWKS_URL && (!settings.JWT_ISSUER || !settings.JWT_AUDIENCE)) {
    problems.push('JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE: tokens of any issuer or audience would be accepted');
  }
  if (settings.JWT_JWKS_URL && settings.JWT_SECRET) {
    problems.push('set either JWT_SECRET or JWT_JWKS_URL, not both');
  }
  return problems;
}

export class InvalidSettings extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid settings:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidSettings';
  }
}

/** Optional settings without a default (not among the keys of a fresh instance). */
const AUTH_SETTINGS = ['JWT_SECRET', 'JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'ADMIN_API_KEY', 'PERSONAL_DATA_KEY'];

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const known = Object.keys(new Settings());
  const input = Object.fromEntries(
    [...known, 'DATABASE_URL', 'REDIS_URL', 'KURRENTDB_URL', 'METRICS_PORT', ...AUTH_SETTINGS].map((key) => [key, env[key]]),
  );
  const settings = plainToInstance(Settings, input, { exposeDefaultValues: true });
  const errors = validateSync(settings, { forbidUnknownValues: true });
  const problems = [...errors.flatMap((e) => Object.values(e.constraints ?? {})), ...combinationProblems(settings)];
  if (problems.length > 0) throw new InvalidSettings(problems);
  return settings;
}

/** For a process entry point: the settings, or the problems logged and exit code 1. */
export function loadSettingsOrExit(logger: { error(message: string): void }, env: NodeJS.ProcessEnv = process.env): Settings {
  try {
    return loadSettings(env);
  } catch (error) {
    if (!(error instanceof InvalidSettings)) throw error;
    logger.error(error.message);
    return process.exit(1);
  }
}
