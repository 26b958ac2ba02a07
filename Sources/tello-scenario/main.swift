import Foundation
FileHandle.standardError.write(Data("tello-scenario: not built yet\n".utf8))
exit(1)
