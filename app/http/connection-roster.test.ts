import { describe, expect, it } from "vitest";
import { ConnectionRoster, type ConnectionActivity } from "./connection-roster";

function rosterOf(capacity: number) {
  const activity = new Map<string, ConnectionActivity>();
  const roster = new ConnectionRoster<string>(capacity, (connection) => activity.get(connection) ?? "waiting");
  return { roster, activity };
}

describe("ConnectionRoster", () => {
  it("admits connections up to its capacity", () => {
    const { roster } = rosterOf(3);
    expect(["a", "b", "c"].map((connection) => roster.admit(connection))).toEqual([null, null, null]);
    expect(roster.size).toBe(3);
  });

  it("at the cap, displaces the connection that has waited longest for a request", () => {
    const { roster, activity } = rosterOf(3);
    ["slow-1", "slow-2", "busy"].forEach((connection) => roster.admit(connection));
    activity.set("busy", "working");
    expect(roster.admit("webhook")).toBe("slow-1");
    expect(roster.admit("webhook-2")).toBe("slow-2");
    expect(roster.size).toBe(3);
  });

  it("counts a request started or finished as activity: the idle connection is the one that goes", () => {
    const { roster } = rosterOf(2);
    roster.admit("a");
    roster.admit("b");
    roster.touch("a");
    expect(roster.admit("c")).toBe("b");
  });

  it("displaces a connection still receiving its body only when none is waiting, oldest first", () => {
    const { roster, activity } = rosterOf(3);
    ["upload-1", "upload-2", "working"].forEach((connection) => roster.admit(connection));
    activity.set("upload-1", "receiving");
    activity.set("upload-2", "receiving");
    activity.set("working", "working");
    expect(roster.admit("new")).toBe("upload-1");
  });

  it("refuses the newcomer when every connection is working, and never displaces a working one", () => {
    const { roster, activity } = rosterOf(2);
    ["a", "b"].forEach((connection) => {
      roster.admit(connection);
      activity.set(connection, "working");
    });
    expect(roster.admit("late")).toBe("late");
    expect(roster.size).toBe(2);
  });

  it("frees the place of a closed connection", () => {
    const { roster } = rosterOf(1);
    roster.admit("a");
    roster.remove("a");
    expect(roster.admit("b")).toBeNull();
    roster.remove("unknown");
    roster.touch("unknown");
    expect(roster.size).toBe(1);
  });
});
