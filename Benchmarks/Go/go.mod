module channelsbench

go 1.23
