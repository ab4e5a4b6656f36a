import type { Page } from 'playwright-core'

/**
 * Opens a `#/connect` link and confirms its review, as a user would with the link `npm start`
 * prints: "Add network" for a new one, "Use …" when it is set up already, else "Update …".
 * Returns the button's text.
 */
export async function confirmConnectLink(page: Page, url: string, { timeout = 30_000 }: { timeout?: number } = {}): Promise<string> {
  await page.goto(url)
  await page.getByRole('heading', { name: 'Review this link' }).waitFor({ timeout })
  const choices = page.getByRole('button', { name: /^(Add network|Use \S+|Update \S+)$/ })
  await choices.first().waitFor({ timeout })
  const names = await choices.allTextContents()
  const name = names.find((n) => n === 'Add network') ?? names.find((n) => n.startsWith('Use ')) ?? names[0]
  await page.getByRole('button', { name, exact: true }).click()
  await page.getByRole('heading', { name: 'Review this link' }).waitFor({ state: 'detached', timeout })
  return name
}
