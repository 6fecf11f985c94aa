import Records

// The event types each event kind reads, so that a spreadsheet row reporting some types
// only (a date column for fire_drill and nothing else) is judged on the rules that read
// those and is insufficient on the others. Kept beside the kinds rather than in their
// files so that `RecordContext.eventsUnreported` stays the one place the kinds ask; a
// kind not listed here counts as reading every type, the safe side.

extension EventCountCheck {
  public var eventTypesRead: [String]? { events }
}

extension NoEventCheck {
  public var eventTypesRead: [String]? { events }
}

extension AttendanceCheck {
  public var eventTypesRead: [String]? { events }
}

extension EventFollowedByCheck {
  public var eventTypesRead: [String]? { [event, followedBy] }
}
