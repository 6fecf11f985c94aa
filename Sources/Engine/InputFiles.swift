import Foundation
import Records
import YAMLSource

/// An input file as read: its bytes, name and hash.
public struct InputFile: Sendable {
  public var path: String
  public var bytes: [UInt8]
  public var isCSV: Bool

  public init(path: String, bytes: [UInt8], isCSV: Bool) {
    self.path = path
    self.bytes = bytes
    self.isCSV = isCSV
  }
}

/// A problem with the inputs themselves that stops the run (exit 2).
public struct InputError: Error, Sendable, CustomStringConvertible {
  public var message: LocalizedText
  public var description: String { message.en }
}

/// Finds record files: files as given, directories recursively (`*.yaml`, `*.yml`,
/// `*.json`, `*.csv`) in sorted path order, `-` for standard input.
public enum InputFiles {
  static let extensions: Set<String> = ["yaml", "yml", "json", "csv"]

  public static func expand(_ paths: [String]) throws(InputError) -> [String] {
    var out: [String] = []
    let fm = FileManager.default
    for path in paths {
      if path == "-" {
        out.append(path)
        continue
      }
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(message: LocalizedText(zh: "找不到输入：\(path)", en: "no such file or directory: \(path)"))
      }
      if isDirectory.boolValue {
        var found: [String] = []
        if let walker = fm.enumerator(atPath: path) {
          while let item = walker.nextObject() as? String {
            let ext = (item as NSString).pathExtension.lowercased()
            if extensions.contains(ext) { found.append(path.hasSuffix("/") ? path + item : path + "/" + item) }
          }
        }
        out += found.sorted()
      } else {
        out.append(path)
      }
    }
    return out
  }

  public static func read(_ path: String) throws(InputError) -> InputFile {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return InputFile(path: "<stdin>", bytes: [UInt8](data), isCSV: false)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(message: LocalizedText(zh: "无法读取文件：\(path)", en: "cannot read \(path)"))
    }
    return InputFile(path: path, bytes: [UInt8](data), isCSV: path.lowercased().hasSuffix(".csv"))
  }
}
