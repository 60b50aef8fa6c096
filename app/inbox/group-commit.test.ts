import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A commit that records its batches and finishes only when the test says so. */
function controlledCommit(refuse: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const commit = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finish.push(() => (items.some(refuse) ? reject(new Error("refused")) : resolve(items.map((item) => `stored ${item}`))));
    });
  return { batches, finish, commit };
}

const settled = <T>(promise: Promise<T>) => {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
};

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("GroupCommit", () => {
  it("puts what arrives in one turn in one transaction, and settles nobody before it is committed", async () => {
    const { batches, finish, commit } = controlledCommit();
    const group = new GroupCommit({ commit, maxBatch: 10 });
    const answers = [1, 2, 3].map((item) => settled(group.submit(item)));
    await turn();
    expect(batches).toEqual([[1, 2, 3]]);
    await turn();
    expect(answers.some((answer) => answer.done)).toBe(false);
    finish[0]();
    await turn();
    expect(answers.map((answer) => answer.value)).toEqual(["stored 1", "stored 2", "stored 3"]);
    expect(group.stats).toEqual({ transactions: 1, items: 3, batchesTakenApart: 0 });
  });

  it("gathers what arrives during a commit into the next one, within maxBatch", async () => {
    const { batches, finish, commit } = controlledCommit();
    const group = new GroupCommit({ commit, maxBatch: 2 });
    const first = settled(group.submit(1));
    await turn();
    const later = [2, 3, 4].map((item) => settled(group.submit(item)));
    await turn();
    expect(batches).toEqual([[1]]);
    expect(group.waiting).toBe(3);
    finish[0]();
    await turn();
    expect(first.value).toBe("stored 1");
    expect(batches).toEqual([[1], [2, 3]]);
    finish[1]();
    await turn();
    expect(batches).toEqual([[1], [2, 3], [4]]);
    expect(later.map((answer) => answer.done)).toEqual([true, true, false]);
    finish[2]();
    await turn();
    expect(later.map((answer) => answer.value)).toEqual(["stored 2", "stored 3", "stored 4"]);
  });

  it("commits the items of a refused batch one by one, so only the poisonous one fails", async () => {
    const { batches, finish, commit } = controlledCommit((item) => item === 2);
    const group = new GroupCommit({ commit, maxBatch: 10 });
    const answers = [1, 2, 3].map((item) => settled(group.submit(item)));
    for (let step = 0; step < 4; step += 1) {
      await turn();
      finish[step]();
    }
    await turn();
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(answers.map((answer) => answer.value ?? (answer.error as Error).message)).toEqual(["stored 1", "refused", "stored 3"]);
    expect(group.stats.batchesTakenApart).toBe(1);
  });

  it("fails everyone in a transaction that cannot commit at all, and carries on with the next", async () => {
    let down = true;
    const group = new GroupCommit<number, number>({
      commit: async (items) => {
        if (down) throw new Error("disk full");
        return items;
      },
      maxBatch: 10,
    });
    const refused = await Promise.allSettled([1, 2].map((item) => group.submit(item)));
    expect(refused.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    down = false;
    expect(await Promise.all([3, 4].map((item) => group.submit(item)))).toEqual([3, 4]);
  });

  it("refuses a commit that does not answer for every item", async () => {
    const group = new GroupCommit<number, number>({ commit: async (items) => items.slice(1), maxBatch: 10 });
    await expect(group.submit(1)).rejects.toThrow("the commit returned 0 results for 1 items");
  });
});
