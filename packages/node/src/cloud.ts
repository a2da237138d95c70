// Where the process runs, read from the variables each cloud sets: the `cloud_resource`
// context, with OpenTelemetry's `cloud.*` keys, which Sentry shows as "Cloud Resource".

type Env = Record<string, string | undefined>;

interface CloudRule {
  provider: string;
  /** All of these must be set. */
  when: string[];
  /** Context key -> the variable that holds its value. */
  fields?: Record<string, string>;
}

// First match wins; the order matters where clouds set each other's variables (Vercel runs on AWS).
const RULES: CloudRule[] = [
  { provider: 'vercel', when: ['VERCEL'], fields: { 'cloud.region': 'VERCEL_REGION' } },
  { provider: 'aws', when: ['AWS_REGION'], fields: { 'cloud.region': 'AWS_REGION', 'cloud.platform': 'AWS_EXECUTION_ENV' } },
  { provider: 'gcp', when: ['GCP_PROJECT'] },
  { provider: 'alibaba_cloud', when: ['ALIYUN_REGION_ID'], fields: { 'cloud.region': 'ALIYUN_REGION_ID' } },
  { provider: 'azure', when: ['WEBSITE_SITE_NAME', 'REGION_NAME'], fields: { 'cloud.region': 'REGION_NAME' } },
  { provider: 'ibm_cloud', when: ['IBM_CLOUD_REGION'], fields: { 'cloud.region': 'IBM_CLOUD_REGION' } },
  {
    provider: 'tencent_cloud',
    when: ['TENCENTCLOUD_REGION'],
    fields: { 'cloud.region': 'TENCENTCLOUD_REGION', 'cloud.account.id': 'TENCENTCLOUD_APPID', 'cloud.availability_zone': 'TENCENTCLOUD_ZONE' },
  },
  { provider: 'netlify', when: ['NETLIFY'] },
  { provider: 'fly.io', when: ['FLY_REGION'], fields: { 'cloud.region': 'FLY_REGION' } },
  { provider: 'heroku', when: ['DYNO'] },
];

/**
 * The `cloud_resource` context for this environment, or `undefined` off the known clouds.
 *
 * @example
 * cloudResourceContext({ FLY_REGION: 'ams' }); // { 'cloud.provider': 'fly.io', 'cloud.region': 'ams' }
 */
export function cloudResourceContext(env: Env): Record<string, string> | undefined {
  const rule = RULES.find(({ when }) => when.every((name) => env[name]));
  if (!rule) return undefined;
  const context: Record<string, string> = { 'cloud.provider': rule.provider };
  for (const [key, name] of Object.entries(rule.fields ?? {})) {
    const value = env[name];
    if (value) context[key] = value;
  }
  // AWS_EXECUTION_ENV is `AWS_Lambda_nodejs20.x` on Lambda; OpenTelemetry's platform name is `aws_lambda`.
  if (context['cloud.platform']?.startsWith('AWS_Lambda')) context['cloud.platform'] = 'aws_lambda';
  return context;
}
