import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

// Staff accounts are never made by sign-up: a coordinator invites a colleague.
test('a coordinator invites an operator, who appears with the invitation pending', async ({ page }, info) => {
  const email = `operatore.${info.project.name}.${Date.now()}@ancora.example`;
  await page.goto('/accedi?torna=/admin/personale');
  await waitForHydration(page);
  await page.getByLabel('E-mail').fill('coordinatrice@ancora.example');
  await page.getByLabel('Password', { exact: true }).fill('ancora-demo');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page).toHaveURL(/\/admin\/personale$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personale del Polo');
  // A coordinator cannot make an administrator: the answer is next to the role.
  await page.getByLabel('Nome e cognome').fill('Paolo Neri');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Ruolo').selectOption('admin');
  await page.getByRole('button', { name: "Invia l'invito" }).click();
  await expect(page.locator('#role-errore')).toHaveText('Non puoi creare account con questo ruolo.');
  await page.getByLabel('Ruolo').selectOption('operator');
  await page.getByRole('button', { name: "Invia l'invito" }).click();
  await expect(page.getByText('Invito inviato.')).toBeVisible();
  const invited = page.getByTestId('staff-member').filter({ hasText: email });
  await expect(invited).toContainText('Invito in attesa');
  // The coordinator works in one polo: the invitation gives that one.
  await expect(invited).toContainText('Àncora');
  // Deactivated: the account is marked, and can no longer be deactivated again.
  await invited.getByRole('button', { name: /^Disattiva l'account/ }).click();
  await expect(page.getByText('Account disattivato')).toBeVisible();
  await expect(invited).toContainText('Disattivato');
  await expect(invited.getByRole('button', { name: /^Disattiva l'account/ })).toHaveCount(0);
});
