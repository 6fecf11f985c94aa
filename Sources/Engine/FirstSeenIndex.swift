/// Where each record id was first seen, for REC-DUPLICATE-ID. A province has a million
/// ids: a `[String: UInt64]` then holds 2^21 buckets of 24 bytes and, as it grows, a copy
/// of itself beside them. Here ids and places sit in chunks that never move, found through
/// a table of 32-bit slots (linear probing on Swift's seeded hash, so crafted ids cannot
/// force collisions): about 30 bytes an id.
struct FirstSeenIndex {
  private static let chunkSize = 1 << 16
  /// Entry number + 1; 0 is empty.
  private var slots = [UInt32](repeating: 0, count: 1 << 10)
  private var ids: [[String]] = []
  private var places: [[UInt64]] = []
  private(set) var count = 0

  /// The place first recorded for `id`; or, when `id` is new, records `place` and gives nil.
  mutating func firstPlace(of id: String, recording place: UInt64) -> UInt64? {
    var mask = slots.count - 1
    var slot = id.hashValue & mask
    while slots[slot] != 0 {
      let entry = Int(slots[slot]) - 1
      if ids[entry / Self.chunkSize][entry % Self.chunkSize] == id { return places[entry / Self.chunkSize][entry % Self.chunkSize] }
      slot = (slot + 1) & mask
    }
    if count % Self.chunkSize == 0 {
      ids.append([])
      ids[ids.count - 1].reserveCapacity(Self.chunkSize)
      places.append([])
      places[places.count - 1].reserveCapacity(Self.chunkSize)
    }
    ids[ids.count - 1].append(id)
    places[places.count - 1].append(place)
    count += 1
    slots[slot] = UInt32(truncatingIfNeeded: count)
    // Past 70% full, probes get long: double the table and place every id again.
    if count * 10 > slots.count * 7 {
      slots = [UInt32](repeating: 0, count: slots.count * 2)
      mask = slots.count - 1
      for entry in 0..<count {
        var s = ids[entry / Self.chunkSize][entry % Self.chunkSize].hashValue & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = UInt32(truncatingIfNeeded: entry + 1)
      }
    }
    return nil
  }
}
