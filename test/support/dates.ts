import { utcToday } from "../../lib/waivers/match.ts";

/**
 * A waiver expiry that is in force today and within the default cap (365 days ahead): 30 days from now, so
 * tests that go through the CLI (which reads the real clock) never hold a waiver that expires or exceeds the cap.
 */
export const inForce = utcToday(new Date(Date.now() + 30 * 86_400_000));
