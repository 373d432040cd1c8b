import type { RoomMember, RoomTransportEvents } from '../../node/rooms';

/**
 * Who is in which room with us, as their hellos say, and when one is shown left: a part
 * at once, a connection that closed and did not come back within the grace time later.
 */
export class RoomMembers {
  private readonly known = new Map<string, { member: RoomMember; rooms: Set<string> }>();
  private readonly leaving = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly events: Pick<RoomTransportEvents, 'joined' | 'left'>,
    private readonly graceMs: number,
  ) {}

  in(room: string): RoomMember[] {
    return [...this.known.values()].filter((m) => m.rooms.has(room)).map((m) => m.member);
  }

  /** The TCP address a member's hello gave, if any. */
  address(key: string): string | undefined {
    return this.known.get(key)?.member.address;
  }

  /**
   * A hello: the rooms shared with `member` now. Each room it is no longer in is a leave;
   * returns those it is newly in (each a join).
   */
  shared(member: RoomMember, rooms: string[]): string[] {
    const known = this.known.get(member.key) ?? { member, rooms: new Set<string>() };
    known.member = member;
    this.known.set(member.key, known);
    for (const room of [...known.rooms])
      if (!rooms.includes(room)) {
        known.rooms.delete(room);
        this.events.left(room, member);
      }
    const joined = rooms.filter((room) => !known.rooms.has(room));
    for (const room of joined) {
      known.rooms.add(room);
      this.events.joined(room, member);
    }
    return joined;
  }

  /** We left `room`: every member in it is no longer in it with us. */
  parted(room: string): void {
    for (const { member, rooms } of this.known.values())
      if (rooms.delete(room)) this.events.left(room, member);
  }

  /** A connection to `key` (back) in time: not leaving. */
  back(key: string): void {
    clearTimeout(this.leaving.get(key));
    this.leaving.delete(key);
  }

  /** Its connection closed: shown left unless `connected` holds again within the grace. */
  closed(key: string, connected: () => boolean): void {
    const timer = setTimeout(() => {
      this.leaving.delete(key);
      if (connected()) return;
      const known = this.known.get(key);
      this.known.delete(key);
      if (known) for (const room of known.rooms) this.events.left(room, known.member);
    }, this.graceMs);
    timer.unref();
    this.leaving.set(key, timer);
  }

  close(): void {
    for (const timer of this.leaving.values()) clearTimeout(timer);
    this.leaving.clear();
  }
}
