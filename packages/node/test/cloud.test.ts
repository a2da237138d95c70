import { describe, expect, it } from 'vitest';
import { cloudResourceContext } from '../src/cloud';

describe('cloudResourceContext', () => {
  it('names the provider and region from the variables each cloud sets', () => {
    expect(cloudResourceContext({ FLY_REGION: 'ams' })).toEqual({ 'cloud.provider': 'fly.io', 'cloud.region': 'ams' });
    expect(cloudResourceContext({ DYNO: 'web.1' })).toEqual({ 'cloud.provider': 'heroku' });
    expect(cloudResourceContext({ WEBSITE_SITE_NAME: 'shop', REGION_NAME: 'West Europe' })).toEqual({
      'cloud.provider': 'azure',
      'cloud.region': 'West Europe',
    });
  });

  it('AWS Lambda is platform aws_lambda; Vercel wins over the AWS it runs on', () => {
    expect(cloudResourceContext({ AWS_REGION: 'eu-west-1', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' })).toEqual({
      'cloud.provider': 'aws',
      'cloud.region': 'eu-west-1',
      'cloud.platform': 'aws_lambda',
    });
    expect(cloudResourceContext({ AWS_REGION: 'us-east-1', AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE' })?.['cloud.platform']).toBe('AWS_ECS_FARGATE');
    expect(cloudResourceContext({ VERCEL: '1', VERCEL_REGION: 'fra1', AWS_REGION: 'eu-central-1' })).toEqual({
      'cloud.provider': 'vercel',
      'cloud.region': 'fra1',
    });
  });

  it('nothing off the known clouds, and no key for a variable that is not set', () => {
    expect(cloudResourceContext({ HOME: '/root' })).toBeUndefined();
    expect(cloudResourceContext({ WEBSITE_SITE_NAME: 'shop' })).toBeUndefined();
    expect(cloudResourceContext({ VERCEL: '1' })).toEqual({ 'cloud.provider': 'vercel' });
  });
});
