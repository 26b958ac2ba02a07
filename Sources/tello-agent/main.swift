import Foundation
FileHandle.standardError.write(Data("tello-agent: not built yet\n".utf8))
exit(1)
