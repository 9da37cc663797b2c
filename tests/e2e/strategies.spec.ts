/**
 * The Strategies page against the real core: a strategy made from a template is edited in the
 * visual editor, checked while typing (problems next to their fields, save refused), saved and
 * found again after a reload; the JSON view and the visual editor edit one document; duplicate,
 * rename and delete; an older flat-format file is imported (a broken one is refused with its
 * reason) and a strategy is exported as a file.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function openStrategies(page: Page): Promise<void> {
  await page.getByTestId('nav-strategies').click();
  await expect(page.getByTestId('strategy-list')).toBeVisible();
}

/** Waits until the open document has been checked and has no problems. */
async function expectValid(page: Page): Promise<void> {
  await expect(page.getByTestId('strategy-issues')).toHaveAttribute('data-checking', 'false');
  await expect(page.getByTestId('strategy-issues')).toHaveAttribute('data-count', '0');
}

async function createFromTemplate(page: Page, template: string): Promise<void> {
  await page.getByTestId('strategy-new-from-template').click();
  await page.getByTestId(`template-option-${template}`).click();
  await expect(page.getByTestId('strategy-name')).toHaveValue(template);
  await expectValid(page);
}

test('a strategy from a template is edited, checked while typing, saved and still there after a reload', async ({ app }) => {
  const { page } = app;
  await openStrategies(page);
  await expect(page.getByTestId('strategy-list-empty')).toBeVisible();
  await createFromTemplate(page, 'sma-cross');
  await expect(page.getByTestId('strategy-item-sma-cross')).toBeVisible();
  await expect(page.getByTestId('strategy-save-reason')).toHaveText('No unsaved changes');

  await page.getByTestId('param-fast-default').fill('12');
  await page.getByTestId('param-fast-min').fill('600');
  await expect(page.getByTestId('param-fast-issues')).toHaveText('min 600 is greater than max 500');
  await expect(page.getByTestId('strategy-issue')).toHaveText(['parameters[0]: min 600 is greater than max 500']);
  await expect(page.getByRole('region', { name: 'Parameters' }).getByTestId('section-problems')).toHaveText('1 problem');
  await expect(page.getByTestId('strategy-save')).toBeDisabled();
  await expect(page.getByTestId('strategy-save-reason')).toHaveText('1 problem(s) to fix first');

  await page.getByTestId('param-fast-min').fill('2');
  await page.getByTestId('strategy-name').fill('');
  await expect(page.getByTestId('strategy-name-issue')).toHaveText('a strategy needs a name');
  await expect(page.getByTestId('strategy-save')).toBeDisabled();

  await page.getByTestId('strategy-name').fill('my-sma');
  await expectValid(page);
  await expect(page.getByTestId('strategy-save')).toBeEnabled();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('strategy-save-reason')).toHaveText('No unsaved changes');
  await expect(page.getByTestId('strategy-item-my-sma')).toBeVisible();
  await expect(page.getByTestId('strategy-item-sma-cross')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('status-connection')).toHaveText('ready');
  await openStrategies(page);
  await page.getByTestId('strategy-item-my-sma').click();
  await expect(page.getByTestId('param-fast-default')).toHaveValue('12');
  await expect(page.getByTestId('param-fast-min')).toHaveValue('2');
});

test('the JSON view and the visual editor edit one document; duplicate, rename and delete', async ({ app }) => {
  const { page } = app;
  await openStrategies(page);
  await createFromTemplate(page, 'sma-cross');

  await page.getByTestId('editor-tab-json').click();
  const json = page.getByTestId('strategy-json');
  const document = JSON.parse(await json.inputValue()) as { parameters: { name: string; default: number }[]; description?: string };
  await json.fill('{ "name": ');
  await expect(page.getByTestId('strategy-json-error')).toContainText('Not valid JSON');
  await expect(page.getByTestId('strategy-save')).toBeDisabled();
  document.parameters[1].default = 30;
  document.description = 'edited as JSON';
  await json.fill(JSON.stringify(document, null, 2));
  await expect(page.getByTestId('strategy-json-error')).not.toContainText('Not valid JSON');

  await page.getByTestId('editor-tab-visual').click();
  await expect(page.getByTestId('param-slow-default')).toHaveValue('30');
  await expect(page.getByTestId('strategy-description')).toHaveValue('edited as JSON');
  await page.getByTestId('param-slow-max').fill('900');
  await page.getByTestId('editor-tab-json').click();
  expect(JSON.parse(await json.inputValue()).parameters[1]).toMatchObject({ name: 'slow', default: 30, max: 900 });
  await expectValid(page);
  await page.getByTestId('strategy-save').click();
  await expect(page.getByTestId('strategy-save-reason')).toHaveText('No unsaved changes');

  await page.getByTestId('strategy-duplicate').click();
  await expect(page.getByTestId('strategy-item-sma-cross-copy')).toBeVisible();
  await expect(page.getByTestId('strategy-open-name')).toHaveText('sma-cross-copy');

  await page.getByTestId('strategy-rename').click();
  await page.getByTestId('strategy-rename-input').fill('sma-cross');
  await expect(page.getByTestId('strategy-rename-confirm')).toBeDisabled();
  await page.getByTestId('strategy-rename-input').fill('slow-30');
  await page.getByTestId('strategy-rename-confirm').click();
  await expect(page.getByTestId('strategy-item-slow-30')).toBeVisible();
  await expect(page.getByTestId('strategy-item-sma-cross-copy')).toHaveCount(0);
  await page.getByTestId('editor-tab-visual').click();
  await expect(page.getByTestId('strategy-name')).toHaveValue('slow-30');
  await expect(page.getByTestId('param-slow-max')).toHaveValue('900');

  await page.getByTestId('strategy-delete').click();
  await page.getByTestId('strategy-delete-confirm').click();
  await expect(page.getByTestId('strategy-item-slow-30')).toHaveCount(0);
  await expect(page.getByTestId('strategy-editor-empty')).toBeVisible();
  await expect(page.getByTestId('strategy-item-sma-cross')).toBeVisible();
});

test('an older flat-format file is imported, a broken one refused with its reason, and a strategy exported', async ({ app }) => {
  const { page } = app;
  await openStrategies(page);
  const input = page.getByTestId('strategy-import-input');

  const broken = { entry_conditions: { long: [{ indicator: 'FOO_3', operator: '>', value: 1 }] } };
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId('strategy-import-error')).toContainText('broken.json is not a valid strategy: entry_conditions.long[0].indicator: unknown column "FOO_3"');
  await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await expect(page.getByTestId('strategy-import-error')).toContainText('notes.json is not a JSON file');

  const legacy = {
    name: 'old-rsi',
    entry_conditions: { long: [{ indicator: 'RSI_14', operator: '<', value: 30 }] },
    exit_conditions: { long: [{ indicator: 'RSI_14', operator: '>', value: 70 }] },
    stop_loss: 2,
  };
  await input.setInputFiles({ name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(legacy)) });
  await expect(page.getByTestId('strategy-import-error')).toHaveCount(0);
  await expect(page.getByTestId('strategy-item-old-rsi')).toBeVisible();
  await expect(page.getByTestId('strategy-name')).toHaveValue('old-rsi');
  await expect(page.getByTestId('risk-stopLoss-kind')).toHaveValue('percent');
  await expect(page.getByTestId('risk-stopLoss-percent')).toHaveValue('2');
  await expect(page.getByTestId('rule-entry.long-kind')).toHaveValue('compare');
  await expect(page.getByTestId('rule-entry.long-op')).toHaveValue('<');

  const download = page.waitForEvent('download');
  await page.getByTestId('strategy-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('old-rsi.json');
  const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<string, unknown>;
  expect(exported).toMatchObject({
    format: 'bst.strategy/1',
    name: 'old-rsi',
    direction: 'long',
    entry: { long: { op: '<', right: 30 } },
    exit: { long: { op: '>', right: 70 } },
    risk: { stopLoss: { percent: 2 } },
  });
});
