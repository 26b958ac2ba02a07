import Foundation
FileHandle.standardError.write(Data("wire-echo: not built yet\n".utf8))
exit(1)
