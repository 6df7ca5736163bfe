// TurboJPEG's C API (libjpeg-turbo 2.1 or later), for the thumbnail library's JPEG codec.
#include <turbojpeg.h>
