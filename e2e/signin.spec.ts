import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expectAccessible } from "./support/a11y.ts";
import { dataDir, nonce, saveScreenshot, webURL } from "./support/signalbox.ts";

/** The sign-in URL the API printed on its first start (the config tees its output to `<data-dir>/api.log`). */
function printedSignInUrl(): string {
  const match = /Sign in to the console: (\S+)/.exec(readFileSync(join(dataDir, "api.log"), "utf8"));
  if (!match?.[1]) throw new Error("the API printed no sign-in URL");
  return match[1];
}

test.describe("sign-in", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/signin");
  });

  test("a bad token is refused with a message", async ({ page }) => {
    await page.getByTestId("signin-token").fill(`sbx_wrong-${nonce()}`);
    await page.getByTestId("signin-submit").click();
    await expect(page.getByTestId("signin-error")).toContainText("refused");
    await expect(page).toHaveURL(`${webURL}/signin`);
    await saveScreenshot(page, "signin");
    await expectAccessible(page, "sign-in");
  });

  test("pages need a session and say so", async ({ page }) => {
    await page.goto("/events");
    await expect(page).toHaveURL(/\/signin\?reason=required$/);
    await expect(page.getByTestId("signin-notice")).toContainText("Sign in");
  });

  test("the printed sign-in URL signs in, and signing out ends the session", async ({ page, context }) => {
    const url = printedSignInUrl();
    expect(url.startsWith(`${webURL}/signin#token=`)).toBe(true);
    await page.goto(url);
    await expect(page).toHaveURL(`${webURL}/`);
    await expect(page.getByTestId("whoami")).toContainText("bootstrap-admin");
    const cookie = (await context.cookies()).find((candidate) => candidate.name === "signalbox_token");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });

    await page.getByTestId("signout").click();
    await expect(page).toHaveURL(`${webURL}/signin?reason=signed-out`);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?reason=required$/);
  });
});
