import Foundation
import Records

/// Why a path could not be read as a record file, in the system's words (rules.md,
/// REC-READ): a user who sees "权限不够 / Permission denied" knows what to fix, where a
/// bare "cannot read" leaves them guessing.
public struct ReadFailure: Error, Sendable, Hashable {
  public var path: String
  public var reason: LocalizedText

  public init(path: String, reason: LocalizedText) {
    self.path = path
    self.reason = reason
  }

  /// The reason of a failed system call: `strerror` in English, the glibc zh_CN wording
  /// for the errors a file system gives (others keep the English text).
  public init(path: String, errno code: Int32) {
    let en = String(cString: strerror(code))
    self.init(path: path, reason: LocalizedText(zh: Self.chinese[code].map { "\($0)（\(en)）" } ?? en, en: en))
  }

  /// A path that exists but is not a regular file, named by what it is: reading a FIFO
  /// or a device could block forever or never end, so it is refused without reading.
  public init(path: String, mode: mode_t) {
    let kind: (String, String) =
      switch mode & S_IFMT {
      case S_IFIFO: ("命名管道（FIFO）", "a FIFO")
      case S_IFSOCK: ("套接字", "a socket")
      case S_IFCHR: ("字符设备", "a character device")
      case S_IFBLK: ("块设备", "a block device")
      case S_IFDIR: ("目录", "a directory")
      default: ("特殊文件", "a special file")
      }
    self.init(path: path, reason: LocalizedText(zh: "不是普通文件，而是\(kind.0)", en: "not a regular file but \(kind.1)"))
  }

  /// The message of a `ToolError` for callers that stop on the first bad path.
  public var message: LocalizedText {
    LocalizedText(zh: "无法读取 \(path)：\(reason.zh)", en: "cannot read \(path): \(reason.en)")
  }

  static let chinese: [Int32: String] = [
    EPERM: "不允许的操作", ENOENT: "没有那个文件或目录", EIO: "输入/输出错误", ENXIO: "没有那个设备或地址",
    EBADF: "错误的文件描述符", EAGAIN: "资源暂时不可用", ENOMEM: "无法分配内存", EACCES: "权限不够",
    EBUSY: "设备或资源忙", ENOTDIR: "不是目录", EISDIR: "是一个目录", EINVAL: "无效的参数",
    ENFILE: "系统中打开的文件过多", EMFILE: "打开的文件过多", EFBIG: "文件过大", ENOSPC: "设备上没有空间",
    EROFS: "只读文件系统", ELOOP: "符号连接的层数过多", ENAMETOOLONG: "文件名过长", EOVERFLOW: "对已定义的数据类型来说值过大",
    ESTALE: "过旧的文件句柄", ENODEV: "没有那个设备", EINTR: "被中断的系统调用",
  ]
}
