/**
 * Privacy in a real browser against the preview (issue 6): on a person's page, record that they
 * agreed to marketing emails, then that they withdrew it; then erase them, keeping their order
 * for the accounts, and find that search no longer knows them while the order is still there
 * under an "Erased customer" record. Settings › Privacy lists the erasure. Screenshots of the
 * Consent card and the erase dialog, light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOpener, type Preview, shotsIn, startSetUp } from './preview.ts';

let preview: Preview;
let browser: Browser;

const shot = shotsIn('issue6');
const openPage = pageOpener(() => ({ preview, browser }), { width: 1360, height: 900 });

/** A person with a note, a call and an order of their own. */
async function customer(givenName: string, familyName: string, phone: string): Promise<string> {
  const p = await preview.call('people.create', {
    person: {
      givenName,
      familyName,
      emails: [{ label: 'home', email: `${givenName.toLowerCase()}@home.example` }],
      phones: [{ label: 'mobile', number: phone }],
    },
  });
  await preview.call('notes.create', {
    personId: p.id,
    body: `${givenName} prefers to be called after six.`,
  });
  await preview.call('calls.log', {
    call: {
      personId: p.id,
      direction: 'in',
      startedAt: Date.now() - 3_600_000,
      durationS: 240,
      outcome: 'connected',
      summary: `${givenName} asked for a quote for two oak desks`,
    },
  });
  const order = await preview.call('orders.create', {
    personId: p.id,
    orderDate: new Date().toISOString().slice(0, 10),
    lines: [{ description: 'Oak desk', quantity: 2000, unitPrice: 24_900, taxRateBp: 2000 }],
  });
  await preview.call('orders.setStatus', { id: order.id, status: 'invoiced', date: order.orderDate });
  return p.id;
}

const search = (page: Page) =>
  page.getByRole('combobox', { name: 'Search people, companies, notes and calls' });

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('privacy', () => {
  it('records a consent, withdraws it, erases the person, and search no longer finds them', async () => {
    const id = await customer('Quinta', 'Marsh', '07700 900456');
    const page = await openPage('light', `#/people/${id}`);
    await page.getByRole('heading', { name: 'Quinta Marsh', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'Consent', exact: true });
    const row = (purpose: string) => card.getByRole('listitem').filter({ hasText: purpose });
    expect(await row('Marketing emails').innerText()).toContain('Never asked');

    // She agreed on the web form.
    await card.getByRole('button', { name: 'Record consent for Quinta Marsh' }).click();
    const record = page.getByRole('dialog', { name: 'Record consent for Quinta Marsh' });
    await record.getByRole('combobox', { name: 'What for' }).selectOption('Marketing emails');
    await record.getByRole('combobox', { name: 'How' }).selectOption('web_form');
    await record.getByRole('textbox', { name: /Evidence/u }).fill('Ticked the box when ordering');
    await shot(page, 'consent-record-dialog-light');
    await record.getByRole('button', { name: 'Record' }).click();
    await record.waitFor({ state: 'detached' });
    await row('Marketing emails').getByText('Given').waitFor();
    expect(await row('Marketing emails').innerText()).toMatch(/by web form/u);

    // Then she wrote to withdraw it.
    await row('Marketing emails')
      .getByRole('button', { name: 'Withdraw consent to Marketing emails' })
      .click();
    const withdraw = page.getByRole('dialog', { name: 'Withdraw consent to “Marketing emails”' });
    await withdraw.getByRole('combobox', { name: 'How' }).selectOption('email');
    await withdraw.getByRole('textbox', { name: /Evidence/u }).fill('Replied STOP to the newsletter');
    await withdraw.getByRole('button', { name: 'Record withdrawal' }).click();
    await withdraw.waitFor({ state: 'detached' });
    await row('Marketing emails').getByText('Withdrawn').waitFor();
    await card.getByRole('button', { name: 'History (1)' }).click();
    const history = card.getByRole('list', { name: 'Consent history of Quinta Marsh' });
    expect(await history.innerText()).toMatch(/agreed on .* by web form[\s\S]*Withdrawn on .* by email/u);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'consent-card-light');

    // Search knows her before.
    await search(page).fill('quinta');
    await page
      .getByRole('option', { name: /Quinta Marsh/u })
      .first()
      .waitFor();
    await page.keyboard.press('Escape');

    // The toasts of the consent answers are done with.
    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();

    // Erase her: More › Erase all their data…
    await page.getByRole('button', { name: 'More actions for Quinta Marsh' }).click();
    await page.getByRole('menuitem', { name: 'Erase all their data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Quinta Marsh for good?' });
    await dialog.getByText('What is erased').waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('This cannot be undone.');
    expect(text).toContain('1 call');
    expect(text).toContain('1 consent answer');
    expect(text).toMatch(/six years in the UK/u);
    expect(text).toMatch(/Snapshots?|snapshots? of the book/u);
    const keep = dialog.getByRole('radio', { name: /Keep the order for the accounts/u });
    expect(await keep.isChecked()).toBe(true);
    const erase = dialog.getByRole('button', { name: 'Erase for good' });
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: /To confirm, type their name/u }).fill('Quinta Mars');
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: /To confirm, type their name/u }).fill('quinta marsh');
    await dialog.getByRole('textbox', { name: /Reason/u }).fill('Asked by email to be forgotten');
    await dialog.locator('.dialog__body').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'erase-dialog-light');
    expect(await erase.isDisabled()).toBe(false);
    await erase.click();
    await page.getByText(/^Erased Quinta Marsh for good\. Reference ER-0001/u).waitFor();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();

    // Search no longer finds her, by name, email, note or call; her order is still there.
    for (const q of ['quinta', 'marsh', 'quinta@home', 'after six', 'oak desks']) {
      await search(page).fill(q);
      await page.getByText(`Nothing matches “${q}”`).waitFor();
    }
    await page.keyboard.press('Escape');
    const orders = await preview.call('orders.list', {});
    expect(orders.rows.map((o) => o.personName)).toEqual(['Erased customer ER-0001']);
    expect((await preview.call('people.list', {})).rows.map((r) => r.displayName)).toEqual([
      'Erased customer ER-0001',
    ]);

    // Settings › Privacy has the record, without her name.
    await page.getByRole('navigation', { name: 'Sidebar' }).getByRole('button', { name: 'Settings' }).click();
    const erasures = page.getByRole('list', { name: 'Erasures' });
    await erasures.getByText('ER-0001', { exact: true }).waitFor();
    const record1 = await erasures.innerText();
    expect(record1).toContain('Asked by email to be forgotten');
    expect(record1).not.toContain('Quinta');
    await erasures.scrollIntoViewIfNeeded();
    await shot(page, 'privacy-settings-light');
    await page.context().close();
  });

  it('looks right in the dark', async () => {
    const id = await customer('Rowan', 'Ashby', '07700 900789');
    await preview.call('consents.record', {
      personId: id,
      purpose: 'Phone calls',
      decision: 'refused',
      decidedAt: Date.now() - 86_400_000 * 3,
      method: 'call',
    });
    await preview.call('consents.record', {
      personId: id,
      purpose: 'Post',
      decision: 'granted',
      decidedAt: Date.now() - 86_400_000,
      method: 'paper_form',
      note: 'Signed form in the blue folder',
    });
    const page = await openPage('dark', `#/people/${id}`);
    await page.getByRole('heading', { name: 'Rowan Ashby', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'Consent', exact: true });
    await card.getByRole('button', { name: 'History (2)' }).click();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'consent-card-dark');
    await page.getByRole('button', { name: 'More actions for Rowan Ashby' }).click();
    await page.getByRole('menuitem', { name: 'Erase all their data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Rowan Ashby for good?' });
    await dialog.getByText('What is erased').waitFor();
    await dialog.getByRole('radio', { name: /Erase the order too/u }).check();
    expect(await dialog.innerText()).toContain('order numbers will have gaps');
    await shot(page, 'erase-dialog-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await preview.call('people.get', { id })).displayName).toBe('Rowan Ashby');
    await page.context().close();
  });
});
