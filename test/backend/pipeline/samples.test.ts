/**
 * The contract samples of the pipeline requests, run in the contract suite's order on a book set
 * up as the suite sets it up (plus the open deal and case the __DEAL__ and __CASE__ placeholders
 * name), so each sample is known to be a valid request that succeeds.
 */
import { describe, expect, it } from 'vitest';
import { pipelineRequests } from '../../../shared/api/requests/pipeline.requests.ts';
import { REQUEST_NAMES, type RequestName } from '../../../shared/api/requests.ts';
import { VALID_SAMPLES } from '../../contract/samples.ts';
import { activityBook } from '../activity/activity.fixtures.ts';

describe('contract samples of the pipeline', () => {
  it('each succeeds, in the order the contract suite sends them', async () => {
    const b = await activityBook();
    const company = await b.client.call('companies.create', { name: 'Harbour Ltd' });
    const person = await b.client.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', companyId: company.id },
    });
    await b.client.call('people.bulk', {
      target: { ids: [person.id] },
      action: { type: 'stage', stage: 'customer' },
    });
    const deal = await b.client.call('deals.create', { title: 'Contract deal', personId: person.id });
    const supportCase = await b.client.call('cases.create', {
      subject: 'Contract case',
      category: 'question',
      personId: person.id,
    });
    const ids: Record<string, string> = {
      __PERSON__: person.id,
      __COMPANY__: company.id,
      __DEAL__: deal.id,
      __CASE__: supportCase.id,
    };
    const names = REQUEST_NAMES.filter((n) => Object.hasOwn(pipelineRequests, n));
    expect(names).toEqual(Object.keys(pipelineRequests));
    for (const name of names) {
      let text = JSON.stringify(VALID_SAMPLES[name as RequestName]);
      for (const [placeholder, id] of Object.entries(ids)) text = text.replaceAll(placeholder, id);
      expect(text, name).not.toMatch(/__[A-Z_]+__/u);
      const envelope = await b.backend.invoke(name, JSON.parse(text));
      expect(envelope, name).toMatchObject({ ok: true });
    }
    expect((await b.client.call('deals.get', { id: deal.id })).state).toBe('won');
    expect((await b.client.call('cases.get', { id: supportCase.id })).status).toBe('resolved');
  });
});
