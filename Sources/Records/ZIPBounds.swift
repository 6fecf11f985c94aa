/// Checks, before ZIPFoundation reads an archive held in memory, that every offset and
/// size its reader follows lies inside the bytes. Its in-memory file lets a seek go past
/// the end, and the read after it traps (found by the xlsx fuzz target: a central
/// directory or local header placed beyond the file crashed `jiayuan check`), so a
/// hostile workbook must be refused here as damaged.
///
/// Layout, from the ZIP application note (APPNOTE.TXT 4.3): the end of central directory
/// record (`PK\u{5}\u{6}`, 22 bytes and a comment of up to 65,535) gives the central
/// directory's size and offset; each of its headers (`PK\u{1}\u{2}`, 46 bytes and the
/// name, extra and comment) gives a local header's offset; each local header
/// (`PK\u{3}\u{4}`, 30 bytes, the name and the extra) is followed by its data. ZIP64 is
/// refused: a workbook within jiayuan's size cap never needs it.
enum ZIPBounds {
  static func problem(_ b: [UInt8]) -> LocalizedText? {
    func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
    func fits(_ start: Int, _ length: Int) -> Bool { start >= 0 && length >= 0 && start <= b.count && length <= b.count - start }
    let n = b.count
    guard n >= 22 else { return LocalizedText(zh: "文件过短", en: "the file is too short") }
    // The last end-of-central-directory signature whose comment reaches the end exactly.
    var eocd: Int?
    var i = n - 22
    while i >= max(0, n - 22 - 65_535) {
      if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 5, b[i + 3] == 6, i + 22 + u16(i + 20) == n {
        eocd = i
        break
      }
      i -= 1
    }
    guard let end = eocd else { return LocalizedText(zh: "找不到中央目录结尾", en: "no end of central directory record") }
    let entries = u16(end + 10)
    let size = u32(end + 12)
    let offset = u32(end + 16)
    if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
      return LocalizedText(zh: "使用了 ZIP64 格式", en: "it uses ZIP64")
    }
    guard fits(offset, size), offset + size <= end else {
      return LocalizedText(zh: "中央目录超出文件范围", en: "the central directory lies outside the file")
    }
    var at = offset
    for _ in 0..<entries {
      guard fits(at, 46), b[at] == 0x50, b[at + 1] == 0x4B, b[at + 2] == 1, b[at + 3] == 2 else {
        return LocalizedText(zh: "中央目录项已损坏", en: "a central directory entry is damaged")
      }
      let compressed = u32(at + 20)
      let uncompressed = u32(at + 24)
      let nameLength = u16(at + 28)
      let extraLength = u16(at + 30)
      let commentLength = u16(at + 32)
      let local = u32(at + 42)
      if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
        return LocalizedText(zh: "使用了 ZIP64 格式", en: "it uses ZIP64")
      }
      let headerLength = 46 + nameLength + extraLength + commentLength
      guard fits(at, headerLength), at + headerLength <= offset + size else {
        return LocalizedText(zh: "中央目录项超出目录范围", en: "a central directory entry runs past the directory")
      }
      guard fits(local, 30), b[local] == 0x50, b[local + 1] == 0x4B, b[local + 2] == 3, b[local + 3] == 4 else {
        return LocalizedText(zh: "本地文件头超出文件范围或已损坏", en: "a local file header lies outside the file or is damaged")
      }
      let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
      guard fits(dataStart, compressed) else {
        return LocalizedText(zh: "压缩数据超出文件范围", en: "an entry's data runs past the end of the file")
      }
      at += headerLength
    }
    return nil
  }
}
