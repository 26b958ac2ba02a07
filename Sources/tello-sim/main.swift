import Foundation
FileHandle.standardError.write(Data("tello-sim: not built yet\n".utf8))
exit(1)
