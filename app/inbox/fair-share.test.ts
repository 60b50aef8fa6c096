import { describe, expect, it } from "vitest";
import { fairShare, shopShare, type DueWaybill, type FairShareInput } from "./fair-share";

function backlog(shop: string, count: number, parked = false): DueWaybill[] {
  return Array.from({ length: count }, (_, index) => ({ shop, waybill: `${shop}-${index + 1}`, parked }));
}

function decide(overrides: Partial<FairShareInput>) {
  return fairShare({ due: [], running: new Map(), concurrency: 4, cursor: null, readyAt: () => 0, now: 1_000, ...overrides });
}

const names = (picks: DueWaybill[]) => picks.map((pick) => pick.waybill);

describe("shopShare", () => {
  it("divides the slots among the shops with work, at least one each", () => {
    expect(shopShare(8, 1)).toBe(8);
    expect(shopShare(8, 2)).toBe(4);
    expect(shopShare(8, 3)).toBe(3);
    expect(shopShare(8, 20)).toBe(1);
    expect(shopShare(8, 0)).toBe(8);
  });
});

describe("fairShare", () => {
  it("lets a shop alone use every slot", () => {
    expect(names(decide({ due: backlog("a", 10) }).picks)).toEqual(["a-1", "a-2", "a-3", "a-4"]);
  });

  it("goes round-robin across shops, whatever one shop's backlog", () => {
    const decision = decide({ due: [...backlog("a", 100), ...backlog("b", 1), ...backlog("c", 2)] });
    expect(names(decision.picks)).toEqual(["a-1", "b-1", "c-1", "a-2"]);
    expect(decision.cursor).toBe("a");
  });

  it("starts the next round after the shop it served last", () => {
    const decision = decide({ due: [...backlog("a", 5), ...backlog("b", 5), ...backlog("c", 5)], concurrency: 3, cursor: "a" });
    expect(names(decision.picks)).toEqual(["b-1", "c-1", "a-1"]);
  });

  it("caps a shop at its share when other shops have work", () => {
    // a holds 4 of 8 slots; with b waiting, a's share is 4: only b may start.
    const decision = decide({ due: [...backlog("a", 50), ...backlog("b", 1)], running: new Map([["a", 4]]), concurrency: 8 });
    expect(names(decision.picks)).toEqual(["b-1"]);
  });

  it("counts a shop with work in hand as active even when nothing of it is due", () => {
    // b runs one waybill: a's share of 4 slots is 2.
    const decision = decide({ due: backlog("a", 10), running: new Map([["b", 1]]) });
    expect(names(decision.picks)).toEqual(["a-1", "a-2"]);
  });

  it("never hands out more slots than are free", () => {
    const decision = decide({ due: [...backlog("a", 5), ...backlog("b", 5)], running: new Map([["c", 3]]) });
    expect(decision.picks).toHaveLength(1);
  });

  it("passes over a shop whose budget is spent and says when to look again", () => {
    const readyAt = (shop: string) => (shop === "a" ? 1_500 : 0);
    const decision = decide({ due: [...backlog("a", 10), ...backlog("b", 2)], readyAt });
    expect(names(decision.picks)).toEqual(["b-1", "b-2"]);
    expect(decision.wakeAt).toBe(1_500);
  });

  it("keeps parked retries apart: a spent parked allowance does not hold back the shop's live work", () => {
    const readyAt = (_shop: string, lane: string) => (lane === "parked" ? 9_000 : 0);
    const decision = decide({ due: [...backlog("a", 2, true), ...backlog("a", 1)], readyAt });
    expect(names(decision.picks)).toEqual(["a-1"]);
    expect(decision.picks[0].parked).toBe(false);
    expect(decision.wakeAt).toBe(9_000);
  });

  it("asks for a shop's budget once per lane and round", () => {
    let asked = 0;
    decide({
      due: backlog("a", 10),
      readyAt: () => {
        asked += 1;
        return 0;
      },
    });
    expect(asked).toBe(1);
  });
});
