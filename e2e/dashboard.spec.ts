import { LISTED_OPTIONS } from "../app/core/filter-options";
import { formatMinutes } from "../app/core/format";
import { summarizeGroup } from "../app/core/analytics";
import { computeFiguresFromInterviews, computeFiguresFromSummaries } from "../app/data/analytics.server";
import { createApplication, createInterview, createPosition } from "../test/factories";
import { db, demoUser, expect, expectAccessible, screenshot, test } from "./utils";

// The demo organization's data, only read.
test("a hiring manager opens the dashboard from Today, filters it by client, and the charts redraw with the filter in the URL", async ({
  page,
  login,
}) => {
  const manager = await login(await demoUser("hiring_manager"));

  // Today is the first page after sign-in; the dashboard is one click away.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await page.getByRole("link", { name: "Open the dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("Associations, not causes.")).toBeVisible();

  const headline = page.getByRole("region", { name: "Headline figures" });
  await expect(headline.getByRole("heading", { name: "Follow-up rate" })).toBeVisible();
  await expect(headline.getByText(/decided interviews followed up inside a window/)).toBeVisible();

  // Every chart has drawn (recharts renders after hydration) and carries its table alternative.
  const behaviour = page.getByRole("region", { name: "Offer rate by follow-up behaviour" });
  await expect(behaviour.locator('[data-chart="ready"] svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId("offer-comparison")).toContainText(
    /Candidates who followed up|Not enough data to compare/,
  );
  for (const title of [
    "Offer rate by the fastest follow-up window",
    "Offer rate by follow-up quality",
    "Latency: interviews by follow-up window",
    "Share of interviews followed up, by hours after the interview",
    "Follow-up quality: scores of offered and not-offered candidates",
    "Follow-up quality: rubric parts, offered against not offered",
  ]) {
    const card = page.getByRole("region", { name: title });
    await expect(card.locator('[data-chart="ready"] svg.recharts-surface').first()).toBeVisible();
  }
  await expect(
    page.getByRole("region", { name: /^Trend by (week|month)/ }).locator("svg.recharts-surface"),
  ).toHaveCount(2);

  // Hovering a bar shows its exact numbers. The interval's whisker runs up the bar's middle, so the
  // pointer goes near its left edge.
  const bar = behaviour.locator(".recharts-bar-rectangle").first();
  const box = await bar.boundingBox();
  await bar.hover({ position: { x: 3, y: Math.max(1, (box?.height ?? 2) / 2) } });
  await expect(behaviour.getByText(/pending, not counted$/)).toBeVisible();

  // The table alternative holds the exact numbers.
  await behaviour.getByText("Show the numbers as a table").click();
  const table = behaviour.getByRole("table", { name: "Offer rate by follow-up behaviour" });
  await expect(table.getByRole("rowheader", { name: "Always" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Never" })).toBeVisible();

  await expectAccessible(page);

  // Filter by client: the options are only what this manager may see.
  const clients = await db
    .selectFrom("positions as p")
    .innerJoin("clients as c", "c.id", "p.client_id")
    .select(["c.id", "c.name"])
    .where("p.organization_id", "=", manager.organization_id)
    .where("p.hiring_manager_id", "=", manager.id)
    .distinct()
    .execute();
  const clientSelect = page.getByLabel("Client", { exact: true });
  await expect(clientSelect.locator("option")).toHaveText([
    "All clients",
    ...clients.map((c) => c.name).sort((a, b) => a.localeCompare(b)),
  ]);

  await clientSelect.selectOption({ label: clients[0].name });
  await expect(page).toHaveURL(new RegExp(`[?&]client=${clients[0].id}(&|$)`));
  await expect(clientSelect).toHaveValue(String(clients[0].id));
  await expect(page.getByRole("link", { name: "Clear" })).toBeVisible();

  // The charts are drawn from the filtered figures: the histogram's "Best" count is the database's.
  const histogram = page.getByRole("region", { name: "Latency: interviews by follow-up window" });
  await expect(histogram.locator('[data-chart="ready"] svg.recharts-surface')).toBeVisible();
  const best = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("p.hiring_manager_id", "=", manager.id)
    .where("p.client_id", "=", clients[0].id)
    .where("i.window", "=", "best")
    .executeTakeFirstOrThrow();
  await histogram.getByText("Show the numbers as a table").click();
  const bestRow = histogram
    .getByRole("table", { name: "Decided interviews by follow-up window" })
    .getByRole("row", { name: /^Best/ });
  await expect(bestRow.getByRole("cell").nth(1)).toHaveText(Number(best.n).toLocaleString("en"));

  // The breakdown follows the filter and can be switched and sorted through the URL.
  await page.getByRole("navigation", { name: "Break down by" }).getByRole("link", { name: "Round" }).click();
  await expect(page).toHaveURL(/by=round/);
  await expect(page).toHaveURL(new RegExp(`client=${clients[0].id}`));
  await expect(page.getByRole("heading", { name: "Breakdown by round" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Figures by round" }).getByRole("cell", { name: "Round 1" }),
  ).toBeVisible();

  // Every chart box drawn (ready, and holding its svg), then take the whole page.
  await expect(page.locator('[data-chart="pending"]')).toHaveCount(0);
  await expect(page.locator('[data-chart="ready"]:not(:has(svg.recharts-surface))')).toHaveCount(0);
  await screenshot(page, "dashboard");
});

test("the dashboard says so when nothing matches, instead of drawing empty charts", async ({
  page,
  login,
}) => {
  await login(await demoUser("hiring_manager"));
  await page.goto("/dashboard?from=1990-01-01&to=1990-01-31");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("No decided interviews match these filters yet.")).toBeVisible();
  await expect(page.getByText("No interviews match these filters.").first()).toBeVisible();
  await expect(page.getByTestId("offer-comparison")).toHaveText(/^Not enough data to compare/);
  await expectAccessible(page);
});

test("a link that filters by a recruiter the viewer cannot choose says so beside the field, and one click shows all", async ({
  page,
  login,
}) => {
  await login(await demoUser("hiring_manager"));
  const recruiter = await db
    .selectFrom("users")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirstOrThrow();
  const missing = Number(recruiter.id) + 1000;
  await page.goto(`/dashboard?by=client&recruiter=${missing}`);
  const filters = page.getByRole("form", { name: "Filters" });
  await expect(filters.getByLabel("Recruiter")).toHaveValue("");
  const note = filters.getByRole("alert");
  await expect(note).toHaveText(/The recruiter this link chooses is not among yours/);
  await expect(page.getByText("No decided interviews match these filters yet.")).toBeVisible();
  await screenshot(page, "dashboard-unknown-recruiter");

  await note.getByRole("link", { name: "All recruiters" }).click();
  await expect(page).toHaveURL(/\/dashboard\?by=client$/);
  await expect(filters.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText(/decided interviews followed up inside a window/)).toBeVisible();
});

test("dates given the wrong way round are put in order, and the page says so beside them", async ({
  page,
  login,
}) => {
  await login(await demoUser("hiring_manager"));
  await page.goto("/dashboard?from=2026-03-31&to=2026-01-01");
  const filters = page.getByRole("form", { name: "Filters" });
  await expect(filters.getByLabel("Interviews from")).toHaveValue("2026-01-01");
  await expect(filters.getByLabel("Interviews to")).toHaveValue("2026-03-31");
  await expect(filters.getByRole("status")).toHaveText(/The dates were the wrong way round/);
  await screenshot(filters, "dashboard-dates-swapped");

  // In order, nothing to say.
  await page.goto("/dashboard?from=2026-01-01&to=2026-03-31");
  await expect(filters.getByLabel("Interviews from")).toHaveValue("2026-01-01");
  await expect(filters.getByRole("status")).toHaveCount(0);

  // Typed the wrong way round in the form: each date applies as it is chosen (no Apply: clicking it
  // would send the range again, now in order, and rightly say nothing), and the fields show the range
  // put in order.
  await filters.getByLabel("Interviews from").fill("2026-03-31");
  await filters.getByLabel("Interviews to").fill("2026-01-01");
  await expect(filters.getByRole("status")).toHaveText(/The dates were the wrong way round/);
  await expect(filters.getByLabel("Interviews from")).toHaveValue("2026-01-01");
  await expect(filters.getByLabel("Interviews to")).toHaveValue("2026-03-31");
});

test("a date in a link that is not one says so beside its field, and every date counts", async ({
  page,
  login,
}) => {
  await login(await demoUser("hiring_manager"));
  await page.goto("/dashboard?from=2026-13-45&to=banana");
  const filters = page.getByRole("form", { name: "Filters" });
  const from = filters.getByLabel("Interviews from");
  await expect(from).toHaveValue("");
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(filters.getByRole("alert")).toHaveText([
    "“2026-13-45” is not a date (YYYY-MM-DD), so every date counts.",
    "“banana” is not a date (YYYY-MM-DD), so every date counts.",
  ]);
  await expect(page.getByText(/decided interviews followed up inside a window/)).toBeVisible();
  await screenshot(filters, "dashboard-date-not-a-date");

  // A good date: nothing to say.
  await from.fill("2026-01-01");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2026-01-01/);
  await expect(filters.getByRole("alert")).toHaveCount(0);
});

test("with hundreds of positions, the Position filter is searched as you type and chosen with the keyboard", async ({
  page,
  workspace,
  login,
}) => {
  // An agency's workspace: more positions than a select can usefully list.
  const at = { organization_id: workspace.organization.id, client_id: workspace.client.id };
  const others = [];
  for (let i = 0; i < LISTED_OPTIONS; i++)
    others.push(await createPosition(db, { ...at, title: `Account Executive ${i}` }));
  const keeper = await createPosition(db, { ...at, title: "Lighthouse Keeper" });
  // One interview there, one elsewhere: both counted unfiltered, one once the position is chosen.
  for (const [positionId, name] of [
    [keeper.id, "Morgan Searchwell"],
    [others[0].id, "Robin Elsewhere"],
  ] as const) {
    const application = await createApplication(db, { position_id: positionId, candidate: { name } });
    await createInterview(db, { application_id: application.id, ends_at: "2026-11-20T15:00:00.000Z" });
  }
  await login("admin");
  await page.goto("/dashboard");
  const headline = page.getByRole("region", { name: "Headline figures" });
  await expect(
    headline.getByText("0 of 2 (0%) decided interviews followed up inside a window"),
  ).toBeVisible();

  const position = page.getByRole("combobox", { name: "Position", exact: true });
  await expect(position).toHaveAttribute("placeholder", "All positions · type to search");
  // The page carries no list of positions: the select's hundreds of options are gone.
  await expect(page.locator("option", { hasText: "Account Executive" })).toHaveCount(0);

  await position.fill("light");
  const matches = page.getByRole("listbox", { name: "Position matches" });
  await expect(matches.getByRole("option")).toHaveText(["All positions", "Lighthouse Keeper"]);
  await position.press("ArrowDown");
  await position.press("ArrowDown");
  await expect(matches.getByRole("option", { name: "Lighthouse Keeper" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await position.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]position=${keeper.id}(&|$)`));
  await expect(position).toHaveValue("Lighthouse Keeper");
  await expect(
    headline.getByText("0 of 1 (0%) decided interviews followed up inside a window"),
  ).toBeVisible();

  // Typing a word no position has says so; Escape closes the list.
  await position.fill("zzqx");
  await expect(matches.getByText("Nothing matches “zzqx”.")).toBeVisible();
  await position.press("Escape");
  await expect(matches).toBeHidden();

  // "All positions", the first entry, clears the filter.
  await position.fill("");
  await position.press("ArrowDown");
  await position.press("Enter");
  await expect(page).not.toHaveURL(/position=\d/);
  // The unfiltered figures are drawn again: the new page has replaced the field (started afresh), so
  // what is typed next is not lost to it.
  await expect(
    headline.getByText("0 of 2 (0%) decided interviews followed up inside a window"),
  ).toBeVisible();
  await expect(position).toHaveValue("");
  await position.fill("execut 19");
  await expect(matches.getByRole("option")).toHaveText([
    "All positions",
    "Account Executive 19",
    "Account Executive 190",
    "Account Executive 191",
    "Account Executive 192",
    "Account Executive 193",
    "Account Executive 194",
    "Account Executive 195",
    "Account Executive 196",
    "Account Executive 197",
    "Account Executive 198",
    "Account Executive 199",
  ]);
  await expectAccessible(page);
  await screenshot(page, "dashboard-position-search", { fullPage: false });
});

test("the breakdown by interviewer shows each interviewer's median latency, and sorts by it", async ({
  page,
  login,
}) => {
  const admin = await login(await demoUser("admin"));
  // The figures counted from the interviews themselves (the raw path), to compare with the page's.
  const raw = await computeFiguresFromInterviews(
    db,
    { viewer: admin, filters: {}, now: new Date().toISOString() },
    "interviewer",
  );
  const medianOf = (name: string) => formatMinutes(raw.breakdown.get(name)?.latency.median ?? null);
  await page.goto("/dashboard?by=interviewer");
  const table = page.getByRole("table", { name: "Figures by interviewer" });
  const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.first()).toBeVisible();
  const shown = async () =>
    Promise.all(
      (await rows.all()).map(async (row) => ({
        name: (await row.getByRole("cell").nth(0).innerText()).trim(),
        median: (await row.getByRole("cell").nth(3).innerText()).trim(),
      })),
    );
  const byInterviews = await shown();
  expect(byInterviews.length).toBeGreaterThan(3);
  for (const { name, median } of byInterviews) expect(median, name).toBe(medianOf(name));
  expect(byInterviews.filter((r) => r.median !== "—").length).toBeGreaterThan(3);

  // Sorted by median latency, shortest first: the order of the interviewers' medians.
  await table.getByRole("link", { name: "Median latency" }).click();
  await expect(table.getByRole("columnheader", { name: "Median latency" })).toHaveAttribute(
    "aria-sort",
    /ing$/,
  );
  await page.waitForURL(/sort=medianLatency/);
  const bySort = await shown();
  const medians = [...raw.breakdown.entries()]
    .filter(([, g]) => g.latency.median !== null)
    .map(([name, g]) => ({ name, minutes: g.latency.median! }));
  const dir = new URL(page.url()).searchParams.get("dir");
  const expected = medians.sort((a, b) => (dir === "desc" ? b.minutes - a.minutes : a.minutes - b.minutes));
  expect(bySort[0].median).toBe(formatMinutes(expected[0].minutes));
  for (const { name, median } of bySort) expect(median, name).toBe(medianOf(name));
  await screenshot(table, "dashboard-by-interviewer");
});

test("the last 30 days by client count each application over its interviews in them, as the interviews do", async ({
  page,
  login,
}) => {
  const admin = await login(await demoUser("admin"));
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const to = day(Date.now());
  const from = day(Date.now() - 30 * 86_400_000);
  const scope = { viewer: admin, filters: { from, to }, now: new Date().toISOString() };
  // The page answers from the summaries (the suffix cells) for this range, not from the raw rows...
  expect(await computeFiguresFromSummaries(db, scope, "client")).not.toBeNull();
  // ...and its figures must be those counted from the interviews themselves.
  const raw = await computeFiguresFromInterviews(db, scope, "client");
  const clients = await db
    .selectFrom("clients")
    .select(["id", "name"])
    .where("organization_id", "=", admin.organization_id)
    .execute();

  await page.goto("/dashboard?by=client");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Interviews from").fill(from);
  await filters.getByLabel("Interviews to").fill(to);
  await filters.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(new RegExp(`from=${from}&to=${to}`));
  const table = page.getByRole("table", { name: "Figures by client" });
  const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.first()).toBeVisible();
  const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.trim());
  const column = (name: string) => headers.findIndex((h) => h.startsWith(name));
  const shown = async () =>
    Promise.all(
      (await rows.all()).map(async (row) => {
        const cells = await row.getByRole("cell").allInnerTexts();
        const at = (name: string) => cells[column(name)].trim();
        return [at("Group"), at("Interviews"), at("Decided apps"), at("Pending")];
      }),
    );
  const expected = [...raw.breakdown.entries()].map(([id, g]) => {
    const s = summarizeGroup(g);
    return [
      clients.find((c) => String(c.id) === id)?.name ?? id,
      s.interviews.toLocaleString("en"),
      s.applications.decided.toLocaleString("en"),
      s.applications.pending.toLocaleString("en"),
    ];
  });
  expect(expected.length).toBeGreaterThan(1);
  expect(expected.some(([, , decided]) => decided !== "0")).toBe(true);
  // The URL changes before the table is drawn again: read the rows until they settle (or time out).
  await expect.poll(async () => (await shown()).sort()).toEqual([...expected].sort());
  await screenshot(page, "dashboard-last-30-days");
});

test("a page number past the end of the breakdown says so, and one click goes to the last page", async ({
  page,
  login,
}) => {
  await login(await demoUser("admin"));
  await page.goto("/dashboard?by=interviewer&page=99");
  const section = page.getByRole("region", { name: "Breakdown by interviewer" });
  await expect(section.getByText("This page is past the end of the list.")).toBeVisible();
  await expect(section.getByText("No interviews match these filters.")).toHaveCount(0);
  const pages = section.getByRole("navigation", { name: "Pages" });
  await expect(pages).toContainText("Page 99 is past the last, page 1.");
  await screenshot(section, "dashboard-page-past-end");

  await pages.getByRole("link", { name: "Go to the last page" }).click();
  await expect(page).toHaveURL(/by=interviewer&page=1$/);
  await expect(section.getByRole("table").getByRole("row")).not.toHaveCount(1);
  await expect(pages).toContainText(/^1–\d+ of \d+/);
});
