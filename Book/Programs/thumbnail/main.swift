// thumbnail: makes a thumbnail of each image named on standard input, one name a line, and
// prints the thumbnail's name; a failure is logged and the next name read.
// gopl.io/ch8/thumbnail (main.go), book page 235.
//
//     $ ls *.jpg | thumbnail
//     a.thumb.jpg
//
// Unlike the original it reads PNG as well as JPEG, writes a PNG thumbnail under a .png name,
// scales with an area-averaging filter, never makes a side 0 pixels long, and leaves no empty
// file behind when an image cannot be read.
import Channels
import ExampleSupport
import Thumbnail

openDevNullOnClosedStandardDescriptors()   // as Go's runtime does
Stdout.useLineBuffering()
await runMain {
    let input = LineScanner()
    while await input.scan() {
        do {
            let thumb = try await imageFile(input.text)
            print(thumb)
        } catch {
            Log.print(error)
        }
    }
    if let error = input.error {
        Log.fatal(error)
    }
}
