#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens /dev/null on each of descriptors 0, 1 and 2 that is closed, as Go's runtime does as a
/// program starts. Without it the first file the process opens (in Swift, the scheduler's
/// epoll descriptor, as soon as a task starts) takes the number 0, and a read of "standard
/// input" fails with EINVAL, where a Go program finds it empty. Call it first in `main`.
public func openDevNullOnClosedStandardDescriptors() {
    for fd in Int32(0)...2 where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
        let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
        if null >= 0 && null != fd {
            dup2(null, fd)
            close(null)
        }
    }
}
