#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call on a path, and its text as Go's `*os.PathError` prints it:
/// `open /x: no such file or directory`, `readdirent t/f: not a directory`,
/// `lstat t/d/e: permission denied`. Go: `*fs.PathError`.
public struct PathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation, named as Go names it: `open`, `readdirent` or `lstat`.
    public let operation: String
    /// The path as the operation was given it.
    public let path: Path
    /// The system's error number.
    public let errno: Int32

    public init(operation: String, path: Path, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The text, byte for byte: the path is not UTF-8 repaired. Go: `err.Error()`.
    public var bytes: [UInt8] {
        Array(operation.utf8) + [UInt8(ascii: " ")] + path.bytes + Array(": \(goErrorText(errno))".utf8)
    }

    public var description: String {
        String(decoding: bytes, as: UTF8.self)
    }
}

/// The text Go gives an error number on Linux: `syscall.Errno(number).Error()`.
///
/// Go's table came from the C library's messages with the first letter in lower case; two
/// messages have changed in glibc since (116 is "stale file handle" there), and numbers Go has
/// no text for print as `errno N`. The table below is Go 1.23's for linux/amd64, so the
/// messages do not depend on the C library or the locale.
package func goErrorText(_ number: Int32) -> String {
    let index = Int(number)
    if index > 0 && index < goErrorTexts.count, let text = goErrorTexts[index] {
        return text
    }
    return "errno \(number)"
}

/// Indexed by error number; nil where Go has no text.
private let goErrorTexts: [String?] = [
    nil,
    "operation not permitted",                           // EPERM
    "no such file or directory",                         // ENOENT
    "no such process",                                   // ESRCH
    "interrupted system call",                           // EINTR
    "input/output error",                                // EIO
    "no such device or address",                         // ENXIO
    "argument list too long",                            // E2BIG
    "exec format error",                                 // ENOEXEC
    "bad file descriptor",                               // EBADF
    "no child processes",                                // ECHILD
    "resource temporarily unavailable",                  // EAGAIN
    "cannot allocate memory",                            // ENOMEM
    "permission denied",                                 // EACCES
    "bad address",                                       // EFAULT
    "block device required",                             // ENOTBLK
    "device or resource busy",                           // EBUSY
    "file exists",                                       // EEXIST
    "invalid cross-device link",                         // EXDEV
    "no such device",                                    // ENODEV
    "not a directory",                                   // ENOTDIR
    "is a directory",                                    // EISDIR
    "invalid argument",                                  // EINVAL
    "too many open files in system",                     // ENFILE
    "too many open files",                               // EMFILE
    "inappropriate ioctl for device",                    // ENOTTY
    "text file busy",                                    // ETXTBSY
    "file too large",                                    // EFBIG
    "no space left on device",                           // ENOSPC
    "illegal seek",                                      // ESPIPE
    "read-only file system",                             // EROFS
    "too many links",                                    // EMLINK
    "broken pipe",                                       // EPIPE
    "numerical argument out of domain",                  // EDOM
    "numerical result out of range",                     // ERANGE
    "resource deadlock avoided",                         // EDEADLK
    "file name too long",                                // ENAMETOOLONG
    "no locks available",                                // ENOLCK
    "function not implemented",                          // ENOSYS
    "directory not empty",                               // ENOTEMPTY
    "too many levels of symbolic links",                 // ELOOP
    nil,
    "no message of desired type",                        // ENOMSG
    "identifier removed",                                // EIDRM
    "channel number out of range",                       // ECHRNG
    "level 2 not synchronized",                          // EL2NSYNC
    "level 3 halted",                                    // EL3HLT
    "level 3 reset",                                     // EL3RST
    "link number out of range",                          // ELNRNG
    "protocol driver not attached",                      // EUNATCH
    "no CSI structure available",                        // ENOCSI
    "level 2 halted",                                    // EL2HLT
    "invalid exchange",                                  // EBADE
    "invalid request descriptor",                        // EBADR
    "exchange full",                                     // EXFULL
    "no anode",                                          // ENOANO
    "invalid request code",                              // EBADRQC
    "invalid slot",                                      // EBADSLT
    nil,
    "bad font file format",                              // EBFONT
    "device not a stream",                               // ENOSTR
    "no data available",                                 // ENODATA
    "timer expired",                                     // ETIME
    "out of streams resources",                          // ENOSR
    "machine is not on the network",                     // ENONET
    "package not installed",                             // ENOPKG
    "object is remote",                                  // EREMOTE
    "link has been severed",                             // ENOLINK
    "advertise error",                                   // EADV
    "srmount error",                                     // ESRMNT
    "communication error on send",                       // ECOMM
    "protocol error",                                    // EPROTO
    "multihop attempted",                                // EMULTIHOP
    "RFS specific error",                                // EDOTDOT
    "bad message",                                       // EBADMSG
    "value too large for defined data type",             // EOVERFLOW
    "name not unique on network",                        // ENOTUNIQ
    "file descriptor in bad state",                      // EBADFD
    "remote address changed",                            // EREMCHG
    "can not access a needed shared library",            // ELIBACC
    "accessing a corrupted shared library",              // ELIBBAD
    ".lib section in a.out corrupted",                   // ELIBSCN
    "attempting to link in too many shared libraries",   // ELIBMAX
    "cannot exec a shared library directly",             // ELIBEXEC
    "invalid or incomplete multibyte or wide character", // EILSEQ
    "interrupted system call should be restarted",       // ERESTART
    "streams pipe error",                                // ESTRPIPE
    "too many users",                                    // EUSERS
    "socket operation on non-socket",                    // ENOTSOCK
    "destination address required",                      // EDESTADDRREQ
    "message too long",                                  // EMSGSIZE
    "protocol wrong type for socket",                    // EPROTOTYPE
    "protocol not available",                            // ENOPROTOOPT
    "protocol not supported",                            // EPROTONOSUPPORT
    "socket type not supported",                         // ESOCKTNOSUPPORT
    "operation not supported",                           // EOPNOTSUPP
    "protocol family not supported",                     // EPFNOSUPPORT
    "address family not supported by protocol",         // EAFNOSUPPORT
    "address already in use",                            // EADDRINUSE
    "cannot assign requested address",                   // EADDRNOTAVAIL
    "network is down",                                   // ENETDOWN
    "network is unreachable",                            // ENETUNREACH
    "network dropped connection on reset",               // ENETRESET
    "software caused connection abort",                  // ECONNABORTED
    "connection reset by peer",                          // ECONNRESET
    "no buffer space available",                         // ENOBUFS
    "transport endpoint is already connected",           // EISCONN
    "transport endpoint is not connected",               // ENOTCONN
    "cannot send after transport endpoint shutdown",     // ESHUTDOWN
    "too many references: cannot splice",                // ETOOMANYREFS
    "connection timed out",                              // ETIMEDOUT
    "connection refused",                                // ECONNREFUSED
    "host is down",                                      // EHOSTDOWN
    "no route to host",                                  // EHOSTUNREACH
    "operation already in progress",                     // EALREADY
    "operation now in progress",                         // EINPROGRESS
    "stale NFS file handle",                             // ESTALE
    "structure needs cleaning",                          // EUCLEAN
    "not a XENIX named type file",                       // ENOTNAM
    "no XENIX semaphores available",                     // ENAVAIL
    "is a named type file",                              // EISNAM
    "remote I/O error",                                  // EREMOTEIO
    "disk quota exceeded",                               // EDQUOT
    "no medium found",                                   // ENOMEDIUM
    "wrong medium type",                                 // EMEDIUMTYPE
    "operation canceled",                                // ECANCELED
    "required key not available",                        // ENOKEY
    "key has expired",                                   // EKEYEXPIRED
    "key has been revoked",                              // EKEYREVOKED
    "key was rejected by service",                       // EKEYREJECTED
    "owner died",                                        // EOWNERDEAD
    "state not recoverable",                             // ENOTRECOVERABLE
    "operation not possible due to RF-kill",             // ERFKILL
]
