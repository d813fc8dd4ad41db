import { expect, Page } from '@playwright/test';

// What many specs do the same way: log in as a demo account, and wait for the islands.

/** The password of every demo account (README.md). */
export const DEMO_PASSWORD = 'ancora-demo';

/** Logs `page` in as `email` through the login server function (its cookie lands in the
 *  page's context), as the login form posts it. */
export async function logIn(page: Page, email: string) {
  const response = await page.request.post('/api/accounts/login', {
    form: { email, password: DEMO_PASSWORD, next: '' },
    headers: { accept: 'application/json' },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${email}`).toBeLessThan(400);
}

/** Waits until the bundle has loaded and the islands are live (the app marks <html>). */
export async function waitForHydration(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}
