// libpng 1.6's simplified API (png_image), for the thumbnail library's PNG codec: it reports
// errors through return values and a message, with no longjmp across Swift frames.
#include <png.h>

// The format macros combine flags with `|`, which Swift does not import; the same values as
// constants.
static const unsigned int CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const unsigned int CPNG_IMAGE_VERSION = PNG_IMAGE_VERSION;
