import { describe, expect, it } from 'vitest';
import { FILTERED, filterParams, scrubString } from '../../src/scrub/index';

const F = FILTERED;

describe('scrubString: credentials are filtered in place', () => {
  it.each([
    ['a Bearer value', 'Authorization: Bearer abc123DEF456ghi789', `Authorization: Bearer ${F}`],
    ['a bare Bearer value', 'sent bearer eyJ0eXAi0iJKV1Qi.x1 upstream', `sent bearer ${F} upstream`],
    ['a Basic value', 'Basic dXNlcjpwYXNz', `Basic ${F}`],
    ['a Token scheme value', 'Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b', `Authorization: Token ${F}`],
    ['a DSN secret key', 'https://pub:s3cr3tkey@o1.ingest.sentry.io/42', `https://pub:${F}@o1.ingest.sentry.io/42`],
    ['a database URL password', 'postgres://admin:hunter2@db:5432/app', `postgres://admin:${F}@db:5432/app`],
    ['a URL password without a user', 'redis://:p4ss@cache:6379', `redis://:${F}@cache:6379`],
    ['a URL password holding an @', 'amqp://bob:p@ss@mq.internal/vhost', `amqp://bob:${F}@mq.internal/vhost`],
    ['a token query parameter', '/api?page=2&access_token=abc123&sort=asc', `/api?page=2&access_token=${F}&sort=asc`],
    ['a fragment parameter', '/cb#id_token=abc.def&state=1', `/cb#id_token=${F}&state=1`],
    ['a sensitive name however it is spelt', '/v1?apiKey=zzz&X-Amz-Signature=f00d', `/v1?apiKey=${F}&X-Amz-Signature=${F}`],
    ['an encoded credential under an innocent name', '/search?q=Bearer%20abc123DEF456ghi789', `/search?q=${F}`],
    ['password= in a message', 'login failed password=correct-horse-9417 for bob', `login failed password=${F} for bob`],
    ['a JSON password', '{"user":"bob","password":"hunter2"}', `{"user":"bob","password":"${F}"}`],
    ['a YAML secret', 'client_secret: abc-123', `client_secret: ${F}`],
    ['a Ruby-hash token', ':auth_token => "abc"', `:auth_token => "${F}"`],
    ['an AWS secret access key', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `aws_secret_access_key=${F}`],
    ['an Azure AccountKey', 'AccountName=a;AccountKey=ab+c/d==;Suffix=x', `AccountName=a;AccountKey=${F};Suffix=x`],
    ['a session id', 'Cookie: theme=dark; PHPSESSID=9f2c', `Cookie: ${F}; PHPSESSID=${F}`],
  ])('%s', (_, input, expected) => {
    expect(scrubString(input)).toBe(expected);
  });

  it.each([
    ['Sentry user token', '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'],
    ['Sentry org token', 'sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_E5Zbj4u/jQiwihi7+Z7/mWtBrE3C4qQLAAIjd24DIL0'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['AWS temporary key id', 'ASIAJVO2W5WZ4RYRKSHB'],
    ['GitHub classic token', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['GitHub OAuth token', 'gho_aEWnr1rhluirLT28usPN5OMmTIFJYEAKr1jw'],
    ['GitHub user-to-server token', 'ghu_aEWnr1rhluirLT28usPN5OMmTIFJYEAKr1jw'],
    ['GitHub server-to-server token', 'ghs_aEWnr1rhluirLT28usPN5OMmTIFJYEAKr1jw'],
    ['GitHub refresh token', 'ghr_aEWnr1rhluirLT28usPN5OMmTIFJYEAKr1jw'],
    ['GitHub fine-grained token', 'github_pat_115KHPDA2B4JQUAZKRTI22_gLv8WdEuhHkZna7rjNmpFBwFKA0sayAYj626'],
    ['Slack bot token', 'xoxb-143174989077-6261043176365-wBEYmpPj8uqDX4uQ7ziEb1nJ'],
    ['Slack user token', 'xoxp-288380498613-750571113091-7683619609171-d450aa1a59f88197f93999f3cc53a506'],
    ['Stripe live key', 'sk_live_51lQykEdBQQQx3h9IS87it8xL2OqXOdlWtzvPQx0y9'],
    ['Stripe restricted key', 'rk_live_51nPz6bKvCYReA4JEDrnjcpu8D1Ta2C2njnH6ZE0c'],
    ['Stripe test key', 'sk_test_4eC39ZAwyViwLV2gRAbrcJQE'],
    ['Google API key', 'AIzas69P1nqJrh86Z1jgECCxtc_1uM-Yv-LKIr_'],
    ['Google OAuth token', 'ya29.a0g9u0kG5dO1kU_lssbwNnULQCcvpLwq5HwFIMBj3dx'],
    ['Google client secret', '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'],
    ['npm token', 'npm_kfBTbF9VKYX6Q81fHpvM5v6oJshXScJUyZT0'],
    ['OpenAI key', 'sk-proj-54e8eWuT9IbVohR2jEkxVUpD6-PBs_LAyEFrrqOZuRBo8H7KpghCWZTjOhHQE'],
    ['Anthropic key', 'sk-ant-api03-mfjvakbXjdJ5VTqGSjlaZ_aOQ2UFBSujhcSvxRmdq48veoDhnLrP7iFy3N1CgE'],
    ['Twilio API key', 'SK0d4b699b61d4c8b4ef198c7a7ea77071'],
    ['SendGrid key', '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'],
    ['GitLab token', 'glpat-xwqZ1YAgh25d3ewZIpQj'],
    ['Hugging Face token', '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'],
    ['Shopify token', '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'],
    ['DigitalOcean token', 'dop_v1_71da18246f850271622260f9d4f4c950abe79e21eb0097adce08e8f02e1b7cee'],
    ['Mailgun key', 'key-c291eb48dfad8d995040a157baf00b9a'],
    ['Telegram bot token', '4273830725:AAnyuxEQ76e2Dxxr4QfGjFxrpujWoAXK8Ac'],
    ['Visa number', '4514 7104 9746 5075'],
    ['Mastercard number', '5359-9528-9078-6666'],
    ['Amex number', '371215472803852'],
  ])('a bare %s', (_, secret) => {
    expect(scrubString(`found ${secret} in config`)).toBe(`found ${F} in config`);
  });

  it('a PEM private key, the whole block', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3\nq7Rk2LmX9vTz4W\n-----END RSA PRIVATE KEY-----';
    expect(scrubString(`key: ${pem} loaded`)).toBe(`key: ${F} loaded`);
    expect(scrubString('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNz...')).toBe(F);
    const json = JSON.stringify({ pem: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' });
    expect(scrubString(json)).toBe(`{"pem":"${F}\\n"}`);
  });

  it('webhook URLs', () => {
    expect(scrubString('https://hooks.slack.com/services/T000/B000/XXXX')).toBe(`https://hooks.slack.com/${F}`);
    expect(scrubString('https://discord.com/api/webhooks/1536/LJxd-o_Z')).toBe(`https://discord.com/api/webhooks/${F}`);
    expect(scrubString('https://api.telegram.org/bot4273830725:AAnyuxEQ76e2Dxxr4QfGjFxrpujWoAXK8Ac/getMe')).toBe(
      `https://api.telegram.org/${F}/getMe`,
    );
  });
});

describe('scrubString: ordinary text is left alone', () => {
  it.each([
    ['a V8 stack', 'TypeError: Cannot read properties of undefined (reading \'token\')\n    at AuthService.login (webpack://app/./src/auth.service.ts:42:13)\n    at async Promise.all (index 0)'],
    ['a Firefox stack', 'getToken@https://app.example.com/static/js/main.3f2a9c1b.chunk.js:1:2345'],
    ['a Node stack', '    at Object.<anonymous> (/srv/app/node_modules/passport-jwt/lib/strategy.js:45:11)'],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['an event id', '9ec79c33ec9942ab8353589fcb2e04dc'],
    ['a git SHA', '4b825dc642cb6eb9a060e54bf8d69288fbee4904'],
    ['a git SHA starting with digits', '4514710497465075fbee4904a060e54bf8d69288'],
    ['an ISO date', '2026-11-28T10:00:00.000Z'],
    ['a timestamp in milliseconds', '1732791234567'],
    ['a URL without credentials', 'https://api.example.com:8443/v1/users/42?page=2&sort=desc#top'],
    ['an OAuth authorize URL', 'https://example.com/oauth/authorize?client_id=abc&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb'],
    ['an e-mail address', 'mailto:alice@example.com'],
    ['a phone number', '+1 415-555-2671'],
    ['a Luhn-invalid 16-digit number', '4514 7104 9746 5076'],
    ['an order number', 'Order 1234-5678-9012-3456 shipped'],
    ['prose about tokens', 'The bearer of this message needs Basic information about tokens.'],
    ['an unexpected token', 'SyntaxError: Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON'],
    ['a short sk- word', 'install sk-learn first'],
    ['a hex color and a version', '#ff0000 v1.2.3'],
  ])('%s', (_, text) => {
    expect(scrubString(text)).toBe(text);
  });

  it('returns a non-string as it is', () => {
    expect(scrubString(42 as unknown as string)).toBe(42);
  });
});

describe('scrubString: hostile input finishes (linear-time patterns)', () => {
  it.each([
    'a', 'a-', 'a.', 'eyJ-', 'eyJa.eyJ', 'https://a:', '-----BEGIN PRIVATE KEY-----\n', '4 ', '4111 ', 'token=',
    'password: ', '?a=', '?q=%41', 'Bearer ', 'Basic a1', 'sntrys_', 'ghp_', 'SG.', 'xoxb-', 'x://', 'a@', 'a:',
    'hooks.slack.com/', '1:AA', 'AKIA',
  ])('1 MB of %j', (unit) => {
    const hostile = unit.repeat(Math.ceil(1_000_000 / unit.length));
    expect(typeof scrubString(hostile)).toBe('string');
  });
});

describe('filterParams', () => {
  it('filters by name only when values are off', () => {
    expect(filterParams('/p?token=a&q=Bearer%20abc123DEF456', [], false)).toBe(`/p?token=${F}&q=Bearer%20abc123DEF456`);
  });

  it('uses denyKeys', () => {
    expect(filterParams('/p?order=7&page=1', ['order'], false)).toBe(`/p?order=${F}&page=1`);
  });
});
